-- 0002_stock_movements: movement ledger and units of measure.

CREATE TYPE public.movement_kind AS ENUM ('receive', 'sale', 'waste', 'adjustment');

CREATE TABLE public.stock_movements (
    id              bigserial            PRIMARY KEY,
    shop_id         uuid                 NOT NULL REFERENCES public.shops (id) ON DELETE CASCADE,
    item_id         uuid                 NOT NULL REFERENCES public.items (id) ON DELETE CASCADE,
    kind            public.movement_kind NOT NULL,
    quantity_delta  integer              NOT NULL,
    reason          text,
    created_by      text                 NOT NULL,
    created_at      timestamptz          NOT NULL DEFAULT now(),
    CONSTRAINT stock_movements_delta_nonzero CHECK (quantity_delta <> 0)
);

CREATE INDEX stock_movements_item_created_idx
    ON public.stock_movements (item_id, created_at DESC);

CREATE INDEX stock_movements_shop_created_idx
    ON public.stock_movements (shop_id, created_at DESC);

-- Items get a unit of measure. Backfill existing rows before tightening the column.
ALTER TABLE public.items ADD COLUMN unit text;

UPDATE public.items SET unit = 'each' WHERE unit IS NULL;

ALTER TABLE public.items ALTER COLUMN unit SET DEFAULT 'each';

ALTER TABLE public.items ALTER COLUMN unit SET NOT NULL;
