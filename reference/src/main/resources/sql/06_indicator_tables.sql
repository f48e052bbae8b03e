-- =============================================================================================
-- 06  Tables the indicator files (1x_ .. 4x_) write into
--
-- site_rows: one row per site x programme x arm x period of an indicator, before row omission,
--   `*` totals and status.
--   numerator, denominator  the published counts (denominator NULL where the indicator has none)
--   status_window_end       the latest day on which the indicator's window of any member of the
--                           cell ends ("Precise rules / Status windows"); for rates and counts
--                           it is period_end. The row is FINAL when period_end and this day are
--                           both on or before the site watermark (see 90_rows_and_totals.sql).
-- median_members: the member values of a median indicator (DAYS_TO_FIRST_CONTACT), so that a
--   `*` row can take the median over the pooled list.
-- indicator_values: how `value` follows from numerator and denominator ("Common rules /
--   Numerator/denominator": value = numerator / denominator x scale, NULL when the denominator
--   is 0).
--     percent                    x 100
--     per person-month           x 30.4375   (person-months = person-days / 30.4375)
--     per 100 person-months      x 3043.75
--     per FTE / per FTE-week     x 1         (the denominator is already FTE or FTE-weeks)
--   and its family: PERSON (per site x programme x arm, with `*` totals) or WORKLOAD (per site
--   only, programme = arm = "*", no `*` rows; published under the distinct-workers rule): the
--   five workload indicators and the per-site PSW_SUPERVISED_14D.
--   The publication step (95_publication.sql) reads this table too.
-- workload_workers: for each workload row, the number of distinct workers who contributed
--   ("Precise rules / Suppression": workers with counted contacts, or with fte > 0 on a
--   denominator day). Not written to the CSV; the publication step uses it.
-- =============================================================================================

CREATE TABLE site_rows (
    indicator         VARCHAR NOT NULL,
    site_id           VARCHAR NOT NULL,
    programme         VARCHAR NOT NULL,
    arm               VARCHAR NOT NULL,
    period_type       VARCHAR NOT NULL,
    period_start      DATE    NOT NULL,
    period_end        DATE    NOT NULL,
    numerator         DOUBLE,
    denominator       DOUBLE,
    status_window_end DATE    NOT NULL
);

CREATE TABLE median_members (
    indicator    VARCHAR NOT NULL,
    site_id      VARCHAR NOT NULL,
    programme    VARCHAR NOT NULL,
    arm          VARCHAR NOT NULL,
    period_type  VARCHAR NOT NULL,
    period_start DATE    NOT NULL,
    period_end   DATE    NOT NULL,
    member_value DOUBLE  NOT NULL
);

CREATE TABLE workload_workers (
    indicator    VARCHAR NOT NULL,
    site_id      VARCHAR NOT NULL,
    period_type  VARCHAR NOT NULL,
    period_start DATE    NOT NULL,
    period_end   DATE    NOT NULL,
    workers      INTEGER NOT NULL
);

CREATE TABLE indicator_values (
    indicator  VARCHAR PRIMARY KEY,
    value_rule VARCHAR NOT NULL,
    scale      DOUBLE,
    family     VARCHAR NOT NULL CHECK (family IN ('PERSON', 'WORKLOAD'))
);
INSERT INTO indicator_values VALUES
    ('ACTIVE_ENROLMENTS',         'NUMERATOR', NULL,    'PERSON'),    -- value = numerator
    ('REACH_30',                  'RATIO',     100,     'PERSON'),    -- %
    ('MIN_DOSE_3',                'RATIO',     100,     'PERSON'),    -- %
    ('DAYS_TO_FIRST_CONTACT',     'MEDIAN',    NULL,    'PERSON'),    -- median of member values
    ('CONTACTS_PER_PERSON_MONTH', 'RATIO',     30.4375, 'PERSON'),    -- per person-month
    ('DISENGAGED_60',             'RATIO',     100,     'PERSON'),    -- %
    ('FOLLOW_UP_7',               'RATIO',     100,     'PERSON'),    -- %
    ('FOLLOW_UP_30',              'RATIO',     100,     'PERSON'),    -- %
    ('READMISSION_30',            'RATIO',     100,     'PERSON'),    -- %
    ('RELAPSE_RATE',              'RATIO',     3043.75, 'PERSON'),    -- per 100 person-months
    ('BED_DAYS',                  'RATIO',     30.4375, 'PERSON'),    -- per person-month
    ('INVOLUNTARY_ADMISSIONS',    'RATIO',     3043.75, 'PERSON'),    -- per 100 person-months
    ('PSW_CASELOAD',              'RATIO',     1,       'WORKLOAD'),  -- persons per PSW FTE
    ('PSW_DIRECT_HOURS',          'RATIO',     1,       'WORKLOAD'),  -- hours per PSW FTE-week
    ('PSW_OVER_THRESHOLD',        'RATIO',     100,     'WORKLOAD'),  -- %
    ('MHW_CONTACTS_PER_FTE',      'RATIO',     1,       'WORKLOAD'),  -- contacts per MHW FTE-week
    ('HOME_VISIT_PSW_SHARE',      'RATIO',     100,     'WORKLOAD'),  -- %
    ('PHASE1_CONTACT_RATE',       'RATIO',     30.4375, 'PERSON'),    -- per person-month
    ('PHASE2_CONTACT_RATE',       'RATIO',     30.4375, 'PERSON'),    -- per person-month
    ('PHASE3_CONTACT_RATE',       'RATIO',     30.4375, 'PERSON'),    -- per person-month
    ('CRISIS_SAME_DAY',           'RATIO',     100,     'PERSON'),    -- %
    ('PSW_SUPERVISED_14D',        'RATIO',     100,     'WORKLOAD');  -- % (per site, worker rule)
