-- The silo connects as a member of orleanscqrs_writer: let it keep the membership table.
grant select on orleansquery to orleanscqrs_writer;
grant select, insert, update, delete on orleansmembershiptable, orleansmembershipversiontable to orleanscqrs_writer;
