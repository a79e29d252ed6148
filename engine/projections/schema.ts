// The projection tables: read models of the record stream, shaped for the REST API v2 searches
// and statistics, with the indexes their filters and sorts use. Keys are INTEGER (they fit in a
// JS number), dates are epoch milliseconds, absent values are NULL.

/** Bumped when the tables change: an older projection file is dropped and rebuilt from the journal. */
export const PROJECTION_FORMAT = '6';

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS process_definitions (
  key INTEGER PRIMARY KEY,
  process_definition_id TEXT NOT NULL,
  name TEXT,
  version INTEGER NOT NULL,
  version_tag TEXT,
  resource_name TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  deployment_key INTEGER NOT NULL,
  has_start_form INTEGER NOT NULL DEFAULT 0,
  start_form_id TEXT,
  resource TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS pd_id ON process_definitions (process_definition_id, version);

CREATE TABLE IF NOT EXISTS forms (
  key INTEGER PRIMARY KEY,
  form_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  version_tag TEXT,
  resource_name TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  deployment_key INTEGER NOT NULL,
  schema TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS forms_id ON forms (form_id, version);

CREATE TABLE IF NOT EXISTS process_instances (
  key INTEGER PRIMARY KEY,
  process_definition_key INTEGER NOT NULL,
  process_definition_id TEXT NOT NULL,
  process_definition_name TEXT NOT NULL,
  process_definition_version INTEGER NOT NULL,
  process_definition_version_tag TEXT,
  state TEXT NOT NULL,
  start_date INTEGER NOT NULL,
  end_date INTEGER,
  incidents INTEGER NOT NULL DEFAULT 0,
  parent_process_instance_key INTEGER,
  parent_element_instance_key INTEGER,
  tenant_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS pi_definition ON process_instances (process_definition_key, state);
CREATE INDEX IF NOT EXISTS pi_process_id ON process_instances (process_definition_id, state);
CREATE INDEX IF NOT EXISTS pi_state ON process_instances (state);
CREATE INDEX IF NOT EXISTS pi_start ON process_instances (start_date);
CREATE INDEX IF NOT EXISTS pi_end ON process_instances (end_date) WHERE end_date IS NOT NULL;
CREATE INDEX IF NOT EXISTS pi_parent ON process_instances (parent_process_instance_key)
  WHERE parent_process_instance_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS pi_incidents ON process_instances (incidents) WHERE incidents > 0;

CREATE TABLE IF NOT EXISTS element_instances (
  key INTEGER PRIMARY KEY,
  process_instance_key INTEGER NOT NULL,
  process_definition_key INTEGER NOT NULL,
  process_definition_id TEXT NOT NULL,
  element_id TEXT NOT NULL,
  element_name TEXT NOT NULL,
  type TEXT NOT NULL,
  state TEXT NOT NULL,
  start_date INTEGER NOT NULL,
  end_date INTEGER,
  incident_key INTEGER,
  incidents INTEGER NOT NULL DEFAULT 0,
  flow_scope_key INTEGER NOT NULL,
  tenant_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ei_instance ON element_instances (process_instance_key, element_id);
CREATE INDEX IF NOT EXISTS ei_definition ON element_instances (process_definition_key, element_id, state);
-- What sits in a definition now (a live diagram's snapshot, several times a second): without it the search
-- reads every element instance the definition ever had, a cost that grows with its history.
CREATE INDEX IF NOT EXISTS ei_definition_state ON element_instances (process_definition_key, state);
-- The newest element instances first (the web reads the engine's clock off the newest, twice a second while a
-- live diagram is open): without it every such search sorts the whole history.
CREATE INDEX IF NOT EXISTS ei_start ON element_instances (start_date);
CREATE INDEX IF NOT EXISTS ei_scope ON element_instances (flow_scope_key);
CREATE INDEX IF NOT EXISTS ei_incident ON element_instances (incident_key) WHERE incident_key IS NOT NULL;

-- Per definition and element: the numbers on a live diagram, kept as the stream moves, so the
-- unfiltered statistics never scan history.
CREATE TABLE IF NOT EXISTS element_statistics (
  process_definition_key INTEGER NOT NULL,
  element_id TEXT NOT NULL,
  active INTEGER NOT NULL,
  completed INTEGER NOT NULL,
  canceled INTEGER NOT NULL,
  incidents INTEGER NOT NULL,
  PRIMARY KEY (process_definition_key, element_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS sequence_flows (
  process_instance_key INTEGER NOT NULL,
  sequence_flow_id TEXT NOT NULL,
  process_definition_key INTEGER NOT NULL,
  process_definition_id TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  PRIMARY KEY (process_instance_key, sequence_flow_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS user_tasks (
  key INTEGER PRIMARY KEY,
  element_instance_key INTEGER NOT NULL,
  process_instance_key INTEGER NOT NULL,
  process_definition_key INTEGER NOT NULL,
  process_definition_id TEXT NOT NULL,
  process_definition_version INTEGER NOT NULL,
  process_name TEXT NOT NULL,
  element_id TEXT NOT NULL,
  name TEXT NOT NULL,
  state TEXT NOT NULL,
  assignee TEXT,
  candidate_groups TEXT NOT NULL,
  candidate_users TEXT NOT NULL,
  creation_date INTEGER NOT NULL,
  completion_date INTEGER,
  due_date INTEGER,
  follow_up_date INTEGER,
  priority INTEGER NOT NULL,
  form_key INTEGER,
  external_form_reference TEXT,
  custom_headers TEXT NOT NULL,
  tenant_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ut_state ON user_tasks (state, creation_date);
CREATE INDEX IF NOT EXISTS ut_instance ON user_tasks (process_instance_key);
CREATE INDEX IF NOT EXISTS ut_element ON user_tasks (element_instance_key);
CREATE INDEX IF NOT EXISTS ut_assignee ON user_tasks (assignee) WHERE assignee IS NOT NULL;
CREATE INDEX IF NOT EXISTS ut_due ON user_tasks (due_date) WHERE due_date IS NOT NULL;
CREATE INDEX IF NOT EXISTS ut_follow_up ON user_tasks (follow_up_date) WHERE follow_up_date IS NOT NULL;
CREATE INDEX IF NOT EXISTS ut_priority ON user_tasks (priority);

-- Candidate groups and users, one row each, so "tasks of my group" is an index lookup.
CREATE TABLE IF NOT EXISTS user_task_candidates (
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  user_task_key INTEGER NOT NULL,
  PRIMARY KEY (kind, value, user_task_key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS utc_task ON user_task_candidates (user_task_key);

CREATE TABLE IF NOT EXISTS incidents (
  key INTEGER PRIMARY KEY,
  process_instance_key INTEGER NOT NULL,
  process_definition_key INTEGER NOT NULL,
  process_definition_id TEXT NOT NULL,
  element_id TEXT NOT NULL,
  element_instance_key INTEGER NOT NULL,
  job_key INTEGER,
  error_type TEXT NOT NULL,
  error_message TEXT NOT NULL,
  creation_time INTEGER NOT NULL,
  state TEXT NOT NULL,
  tenant_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS inc_instance ON incidents (process_instance_key);
CREATE INDEX IF NOT EXISTS inc_element ON incidents (element_instance_key);
CREATE INDEX IF NOT EXISTS inc_state ON incidents (state, creation_time);

CREATE TABLE IF NOT EXISTS variables (
  key INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  scope_key INTEGER NOT NULL,
  process_instance_key INTEGER NOT NULL,
  tenant_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS var_instance ON variables (process_instance_key, name);
CREATE INDEX IF NOT EXISTS var_scope ON variables (scope_key, name);
-- Jobs as workers and Operate see them: the last state, retries and error, and the worker holding it.
CREATE TABLE IF NOT EXISTS jobs (
  key INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  worker TEXT NOT NULL,
  state TEXT NOT NULL,
  kind TEXT NOT NULL,
  listener_event_type TEXT NOT NULL,
  retries INTEGER NOT NULL,
  error_message TEXT,
  error_code TEXT,
  deadline INTEGER,
  end_time INTEGER,
  failed_with_retries_left INTEGER NOT NULL DEFAULT 0,
  is_denied INTEGER,
  denied_reason TEXT,
  custom_headers TEXT NOT NULL,
  element_id TEXT NOT NULL,
  element_instance_key INTEGER NOT NULL,
  process_instance_key INTEGER NOT NULL,
  process_definition_key INTEGER NOT NULL,
  process_definition_id TEXT NOT NULL,
  tenant_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS job_instance ON jobs (process_instance_key);
CREATE INDEX IF NOT EXISTS job_type_state ON jobs (type, state);
CREATE INDEX IF NOT EXISTS job_element ON jobs (element_instance_key);

-- Message subscriptions of waiting elements (catch events, receive tasks, boundary and event
-- subprocess starts), one row per subscription with its last state.
CREATE TABLE IF NOT EXISTS message_subscriptions (
  key INTEGER PRIMARY KEY,
  process_definition_id TEXT NOT NULL,
  process_definition_key INTEGER NOT NULL,
  process_instance_key INTEGER NOT NULL,
  element_id TEXT NOT NULL,
  element_instance_key INTEGER NOT NULL,
  state TEXT NOT NULL,
  last_updated_date INTEGER NOT NULL,
  message_name TEXT NOT NULL,
  correlation_key TEXT NOT NULL,
  tenant_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ms_instance ON message_subscriptions (process_instance_key);
CREATE INDEX IF NOT EXISTS ms_name ON message_subscriptions (message_name, state);

-- Deployed decisions and their requirements graphs (the DMN XML), gone again when deleted.
CREATE TABLE IF NOT EXISTS decision_requirements (
  key INTEGER PRIMARY KEY,
  decision_requirements_id TEXT NOT NULL,
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  resource_name TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  resource TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS drg_id ON decision_requirements (decision_requirements_id, version);

CREATE TABLE IF NOT EXISTS decision_definitions (
  key INTEGER PRIMARY KEY,
  decision_definition_id TEXT NOT NULL,
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  decision_requirements_id TEXT NOT NULL,
  decision_requirements_key INTEGER NOT NULL,
  tenant_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS dd_id ON decision_definitions (decision_definition_id, version);
CREATE INDEX IF NOT EXISTS dd_drg ON decision_definitions (decision_requirements_key);

-- One row per decision evaluated in an evaluation (required decisions too), keyed
-- '<evaluation key>-<n>' as Camunda keys decision instances; history, kept after a deletion.
CREATE TABLE IF NOT EXISTS decision_instances (
  instance_key TEXT PRIMARY KEY,
  evaluation_key INTEGER NOT NULL,
  position INTEGER NOT NULL,
  state TEXT NOT NULL,
  evaluation_date INTEGER NOT NULL,
  evaluation_failure TEXT,
  decision_definition_id TEXT NOT NULL,
  decision_definition_name TEXT NOT NULL,
  decision_definition_version INTEGER NOT NULL,
  decision_definition_type TEXT NOT NULL,
  decision_definition_key INTEGER NOT NULL,
  result TEXT NOT NULL,
  evaluated_inputs TEXT NOT NULL,
  matched_rules TEXT NOT NULL,
  process_definition_key INTEGER,
  process_instance_key INTEGER,
  element_instance_key INTEGER,
  tenant_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS di_evaluation ON decision_instances (evaluation_key, position);
CREATE INDEX IF NOT EXISTS di_instance ON decision_instances (process_instance_key)
  WHERE process_instance_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS di_definition ON decision_instances (decision_definition_key);
CREATE INDEX IF NOT EXISTS di_date ON decision_instances (evaluation_date);

-- Variable filters compare JSON text; equality is looked up by name and the start of the value.
CREATE INDEX IF NOT EXISTS var_name_value ON variables (name, substr(value, 1, 64));
`;

/** Every table but meta, for a rebuild from scratch. */
export const TABLES = [
  'process_definitions',
  'forms',
  'process_instances',
  'element_instances',
  'element_statistics',
  'sequence_flows',
  'user_tasks',
  'user_task_candidates',
  'incidents',
  'variables',
  'jobs',
  'message_subscriptions',
  'decision_requirements',
  'decision_definitions',
  'decision_instances',
];
