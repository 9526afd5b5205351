-- 0003_alerts: freshness / low-stock alerts, job bookkeeping and per-shop
-- row-level security on the movement ledger.

CREATE TYPE public.alert_kind AS ENUM ('expiring', 'expired', 'low_stock');

CREATE TABLE public.alerts (
    id               uuid              PRIMARY KEY DEFAULT gen_random_uuid(),
    shop_id          uuid              NOT NULL REFERENCES public.shops (id) ON DELETE CASCADE,
    item_id          uuid              NOT NULL REFERENCES public.items (id) ON DELETE CASCADE,
    kind             public.alert_kind NOT NULL,
    message          text              NOT NULL,
    created_at       timestamptz       NOT NULL DEFAULT now(),
    acknowledged_at  timestamptz,
    acknowledged_by  text
);

-- At most one open alert of each kind per item; the expiry scan relies on
-- this to stay idempotent.
CREATE UNIQUE INDEX alerts_one_open_per_kind
    ON public.alerts (item_id, kind)
    WHERE acknowledged_at IS NULL;

CREATE INDEX alerts_shop_open_idx
    ON public.alerts (shop_id, created_at DESC)
    WHERE acknowledged_at IS NULL;

CREATE TABLE public.job_runs (
    job_name     text        PRIMARY KEY,
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz NOT NULL,
    runs         bigint      NOT NULL DEFAULT 1
);

-- The API binds the current shop per transaction with set_config(..., true);
-- movements pick their shop from it and are only visible inside that shop.
ALTER TABLE public.stock_movements ALTER COLUMN shop_id SET DEFAULT NULLIF(current_setting('app.current_shop', true), '')::uuid;

ALTER TABLE public.stock_movements ENABLE ROW LEVEL SECURITY;

CREATE POLICY stock_movements_current_shop ON public.stock_movements
    USING (shop_id = NULLIF(current_setting('app.current_shop', true), '')::uuid)
    WITH CHECK (shop_id = NULLIF(current_setting('app.current_shop', true), '')::uuid);

-- New product lines default to a reorder level of 3 units.
ALTER TABLE public.items ALTER COLUMN reorder_level SET DEFAULT 3;

-- New alerts are announced to the notifier. pg_notify inside the trigger is
-- delivered when the inserting transaction commits.
CREATE FUNCTION public.announce_alert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('inventory_changes', json_build_object('alert', NEW.id, 'shop', NEW.shop_id)::text);
    RETURN NEW;
END;
$$;

CREATE TRIGGER alerts_announce AFTER INSERT ON public.alerts
    FOR EACH ROW EXECUTE FUNCTION public.announce_alert();
