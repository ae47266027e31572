-- Runs once when the compose PostgreSQL volume is created: the silo's least-privilege login.
-- The silo's migrations (run as the owner) grant orleanscqrs_writer its rights on the event tables.
create role orleanscqrs_writer nologin;
create role orleanscqrs_app login password 'orleanscqrs_app' in role orleanscqrs_writer;
