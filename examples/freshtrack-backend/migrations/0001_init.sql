-- 0001_init: accounts, shops and items.
--
-- Shared tables live in public. Every account also has a schema of views
-- (acct_<slug>) filtered to its own shops; the API picks it per request
-- with SET search_path, so application queries use unqualified table names.
-- Migrations always run against the primary (MIGRATION_DATABASE_URL).

CREATE TABLE public.accounts (
    id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    slug          text        NOT NULL UNIQUE,
    display_name  text        NOT NULL,
    schema_name   text        NOT NULL UNIQUE,
    status        text        NOT NULL DEFAULT 'active',
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT accounts_status_check CHECK (status IN ('active', 'suspended', 'closed')),
    CONSTRAINT accounts_schema_name_check CHECK (schema_name ~ '^acct_[a-z0-9_]{1,48}$')
);

CREATE TABLE public.shops (
    id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    account_id    uuid        NOT NULL REFERENCES public.accounts (id) ON DELETE CASCADE,
    code          text        NOT NULL,
    name          text        NOT NULL,
    timezone      text        NOT NULL DEFAULT 'Europe/London',
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT shops_account_code_key UNIQUE (account_id, code),
    CONSTRAINT shops_code_format CHECK (code ~ '^[A-Z0-9]{2,6}$')
);

-- One row per product line on a shop's shelves. SKUs carry the shop code as
-- a prefix (e.g. KX-OAT-1L), which keeps them unique across the whole table.
CREATE TABLE public.items (
    id            uuid          PRIMARY KEY DEFAULT gen_random_uuid(),
    shop_id       uuid          NOT NULL REFERENCES public.shops (id) ON DELETE CASCADE,
    sku           text          NOT NULL,
    name          text          NOT NULL,
    category      text,
    quantity      integer       NOT NULL DEFAULT 0,
    reorder_level integer,
    unit_cost     numeric(10,2),
    expires_at    timestamptz,
    archived_at   timestamptz,
    created_at    timestamptz   NOT NULL DEFAULT now(),
    updated_at    timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT items_sku_key UNIQUE (sku),
    CONSTRAINT items_quantity_non_negative CHECK (quantity >= 0),
    CONSTRAINT items_unit_cost_non_negative CHECK (unit_cost IS NULL OR unit_cost >= 0)
);

CREATE INDEX items_shop_id_idx ON public.items (shop_id);

CREATE INDEX items_expiring_idx ON public.items (expires_at)
    WHERE archived_at IS NULL AND quantity > 0;
