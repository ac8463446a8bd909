-- Runs once, when the mysql container starts on an empty data volume (/docker-entrypoint-initdb.d).
-- The image creates MYSQL_USER ('omniflow') with no privileges. Each OmniFlow service creates its own
-- database on start-up (CREATE DATABASE IF NOT EXISTS omniflow_inventory, omniflow_payment,
-- omniflow_shipping, omniflow_orders), so the account gets every privilege on databases named
-- omniflow_* and on nothing else. The backslash makes "_" a literal underscore in the pattern.
GRANT ALL PRIVILEGES ON `omniflow\_%`.* TO 'omniflow'@'%';
