-- The silo connects as a member of orleanscqrs_writer: let it keep the membership and reminder tables that exist.
do $$
begin
    grant select on orleansquery to orleanscqrs_writer;
    if to_regclass('orleansmembershiptable') is not null then
        grant select, insert, update, delete on orleansmembershiptable, orleansmembershipversiontable to orleanscqrs_writer;
    end if;
    if to_regclass('orleansreminderstable') is not null then
        grant select, insert, update, delete on orleansreminderstable to orleanscqrs_writer;
    end if;
end
$$;
