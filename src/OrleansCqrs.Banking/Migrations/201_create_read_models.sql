-- The banking read models. Owned by orleanscqrs_readmodels (held by the application), so a rebuild can replace them.
create table readmodels.account_summary (
    tenant_id       text          not null,
    account_id      text          not null,
    customer_id     text          not null,
    currency        text          not null,
    balance         numeric(20,2) not null,
    overdraft_limit numeric(20,2) not null,
    status          text          not null,
    last_activity   timestamptz   not null,
    version         bigint        not null,
    primary key (tenant_id, account_id));

-- One row per account event (its stream version), with the balance after it.
create table readmodels.account_transactions (
    tenant_id     text          not null,
    account_id    text          not null,
    version       bigint        not null,
    kind          text          not null,
    amount        numeric(20,2) not null,
    balance_after numeric(20,2) not null,
    transfer_id   text,
    counterparty  text,
    recorded_at   timestamptz   not null,
    primary key (tenant_id, account_id, version));

create table readmodels.customer_directory (
    tenant_id     text        not null,
    customer_id   text        not null,
    name          text        not null,
    email         text        not null,
    account_ids   text[]      not null,
    registered_at timestamptz,
    primary key (tenant_id, customer_id));

-- Money moved per currency per day (UTC), in log order across every account.
create table readmodels.daily_totals (
    tenant_id   text          not null,
    day         date          not null,
    currency    text          not null,
    deposited   numeric(20,2) not null,
    withdrawn   numeric(20,2) not null,
    transferred numeric(20,2) not null,
    movements   bigint        not null,
    primary key (tenant_id, day, currency));

-- The daily totals' own knowledge of each account's currency (money events carry none).
create table readmodels.daily_totals_accounts (
    tenant_id  text not null,
    account_id text not null,
    currency   text not null,
    primary key (tenant_id, account_id));

do $$
begin
    if exists (select from pg_roles where rolname = 'orleanscqrs_readmodels') then
        alter table readmodels.account_summary owner to orleanscqrs_readmodels;
        alter table readmodels.account_transactions owner to orleanscqrs_readmodels;
        alter table readmodels.customer_directory owner to orleanscqrs_readmodels;
        alter table readmodels.daily_totals owner to orleanscqrs_readmodels;
        alter table readmodels.daily_totals_accounts owner to orleanscqrs_readmodels;
    end if;
end
$$;
