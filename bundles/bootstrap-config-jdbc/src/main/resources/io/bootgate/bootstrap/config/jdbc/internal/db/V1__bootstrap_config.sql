-- Bootgate bootstrap configs, schema version 1. Applied once by the bootstrap-config-jdbc bundle (never by hand),
-- inside the transaction that records it in bootgate_schema_version.

-- Every write takes the next number: a node compares numbers to skip a change it already holds, and the numbers
-- keep growing when an endpoint is removed and added again.
CREATE SEQUENCE bootgate_bootstrap_config_version;

-- One row per endpoint: the config in the JSON form of the file store's <endpoint>.json, key material inline.
CREATE TABLE bootgate_bootstrap_config (
    endpoint   text PRIMARY KEY,
    config     jsonb NOT NULL,
    version    bigint NOT NULL,
    updated_at timestamptz NOT NULL
);

-- version and updated_at are set here, so that a change made with plain SQL is numbered like one made by a node.
CREATE FUNCTION bootgate_bootstrap_config_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.version := nextval('bootgate_bootstrap_config_version');
    NEW.updated_at := clock_timestamp();
    RETURN NEW;
END
$$;

CREATE TRIGGER bootgate_bootstrap_config_stamp
    BEFORE INSERT OR UPDATE ON bootgate_bootstrap_config
    FOR EACH ROW EXECUTE FUNCTION bootgate_bootstrap_config_stamp();

-- Tells every listening node which endpoint changed (delivered at commit, in commit order); an empty payload
-- (TRUNCATE) asks for a full reload.
CREATE FUNCTION bootgate_bootstrap_config_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM pg_notify('bootgate_bootstrap_config', '');
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('bootgate_bootstrap_config', OLD.endpoint);
    ELSE
        PERFORM pg_notify('bootgate_bootstrap_config', NEW.endpoint);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER bootgate_bootstrap_config_notify
    AFTER INSERT OR UPDATE OR DELETE ON bootgate_bootstrap_config
    FOR EACH ROW EXECUTE FUNCTION bootgate_bootstrap_config_notify();

CREATE TRIGGER bootgate_bootstrap_config_notify_truncate
    AFTER TRUNCATE ON bootgate_bootstrap_config
    FOR EACH STATEMENT EXECUTE FUNCTION bootgate_bootstrap_config_notify();
