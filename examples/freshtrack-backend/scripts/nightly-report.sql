-- FreshTrack nightly stock valuation.
--
-- Executed as one batch by src/jobs/nightlyReport.ts, which then pages
-- through stock_cursor with FETCH and writes a CSV per night. The job runner
-- holds pg_advisory_lock for the nightly-report job while this runs.
--
-- Cross-account report: every table is schema-qualified.

CREATE TEMPORARY TABLE report_scratch (
    account_slug    text          NOT NULL,
    shop_code       text          NOT NULL,
    shop_name       text          NOT NULL,
    sku             text          NOT NULL,
    item_name       text          NOT NULL,
    quantity        integer       NOT NULL,
    unit            text          NOT NULL,
    unit_cost       numeric(10,2),
    stock_value     numeric(12,2) NOT NULL,
    expires_at      timestamptz,
    days_to_expiry  integer
);

INSERT INTO report_scratch (
    account_slug, shop_code, shop_name, sku, item_name,
    quantity, unit, unit_cost, stock_value, expires_at, days_to_expiry
)
SELECT a.slug,
       s.code,
       s.name,
       i.sku,
       i.name,
       i.quantity,
       i.unit,
       i.unit_cost,
       round(i.quantity * coalesce(i.unit_cost, 0), 2),
       i.expires_at,
       CASE
           WHEN i.expires_at IS NULL THEN NULL
           ELSE (i.expires_at AT TIME ZONE s.timezone)::date - (now() AT TIME ZONE s.timezone)::date
       END
  FROM public.items i
  JOIN public.shops s ON s.id = i.shop_id
  JOIN public.accounts a ON a.id = s.account_id
 WHERE i.archived_at IS NULL
   AND a.status = 'active';

ANALYZE report_scratch;

DECLARE stock_cursor CURSOR WITH HOLD FOR
SELECT account_slug,
       shop_code,
       shop_name,
       sku,
       item_name,
       quantity,
       unit,
       unit_cost,
       stock_value,
       expires_at,
       days_to_expiry
  FROM report_scratch
 ORDER BY account_slug, shop_code, days_to_expiry NULLS LAST, sku;
