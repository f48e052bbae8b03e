-- =============================================================================================
-- 95  Publication: the published (suppressed) table from the exact one
--
-- indicators.md "Precise rules / Suppression" and "Publication and suppression". Runs after
-- 90_rows_and_totals.sql (ReferenceIndicators.computePublished), or on its own over a table of
-- exact rows given by the caller (ReferencePublication.publish) after 06_indicator_tables.sql.
--
-- Input
--   exact_rows        the exact indicator rows (columns of indicator_rows, with `workers`)
--   indicator_values  value rule, scale and family of each indicator (06_indicator_tables.sql)
--   variables         suppression_rule ('nhs' or 'none'), suppression_threshold (7),
--                     rounding_base (5), min_workers (3)
--
-- Rule `nhs`, in one pass over the exact rows, then one pass of secondary suppression:
--   * person-level rows (family PERSON): every numerator or denominator that is an integer
--     count of persons, enrolments, discharges, contact-persons, episodes or admissions (table
--     publication_counts below; never person-days or bed days) is nulled when 1..threshold and
--     otherwise rounded to the nearest multiple of rounding_base (half up; 0 stays 0).
--     value: ACTIVE_ENROLMENTS = the published numerator; a ratio is recomputed from the
--     published (rounded) counts and the exact non-count fields, and is NULL when either of its
--     fields is NULL; a median is published as computed unless its count is nulled.
--   * workload rows (family WORKLOAD) are not rounded: they are published exactly, or nulled
--     entirely (numerator, denominator, value) when fewer than min_workers distinct workers
--     contributed (`workers`; a workload row without a worker count counts as 0 workers).
--   * suppressed = true whenever any field that is not NULL in the exact row is NULL in the
--     published one.
--   * secondary suppression, per cell (indicator, programme, arm, period): only when the `*`
--     row is published (exists and was not suppressed above) and exactly one site row of the
--     cell was suppressed above, the unsuppressed site row with the smallest exact denominator
--     (the exact numerator for indicators without a denominator; ties by site_id) is
--     suppressed too: its count fields (those publication_counts marks) and its value are
--     nulled. One pass: this never triggers further suppression.
--   * which rows exist is decided on exact values: the published table has the same keys.
-- Rule `none`: the exact rows, unchanged (suppressed = false).
-- =============================================================================================

-- Which numerator / denominator of each indicator is a suppressible count. Person-days
-- (CONTACTS_PER_PERSON_MONTH, RELAPSE_RATE, BED_DAYS, INVOLUNTARY_ADMISSIONS denominators) and
-- bed days (BED_DAYS numerator) are not; workload rows have their own rule (not rounded).
CREATE TABLE publication_counts (
    indicator            VARCHAR PRIMARY KEY,
    numerator_is_count   BOOLEAN NOT NULL,
    denominator_is_count BOOLEAN NOT NULL
);
INSERT INTO publication_counts VALUES
    ('ACTIVE_ENROLMENTS',         true,  false),  -- enrolments; no denominator
    ('REACH_30',                  true,  true),   -- enrolments / enrolments
    ('MIN_DOSE_3',                true,  true),   -- enrolments / enrolments
    ('DAYS_TO_FIRST_CONTACT',     true,  false),  -- enrolments (the median's count); no denominator
    ('CONTACTS_PER_PERSON_MONTH', true,  false),  -- contact-persons / person-days
    ('DISENGAGED_60',             true,  true),   -- enrolments / enrolments
    ('FOLLOW_UP_7',               true,  true),   -- discharges / discharges
    ('FOLLOW_UP_30',              true,  true),   -- discharges / discharges
    ('READMISSION_30',            true,  true),   -- discharges / discharges
    ('RELAPSE_RATE',              true,  false),  -- episodes / person-days
    ('BED_DAYS',                  false, false),  -- bed days / person-days
    ('INVOLUNTARY_ADMISSIONS',    true,  false),  -- admissions / person-days
    ('PSW_CASELOAD',              false, false),  -- workload: distinct-workers rule instead
    ('PSW_DIRECT_HOURS',          false, false),
    ('PSW_OVER_THRESHOLD',        false, false),
    ('MHW_CONTACTS_PER_FTE',      false, false),
    ('HOME_VISIT_PSW_SHARE',      false, false),
    ('PHASE1_CONTACT_RATE',       true,  false),  -- contact-persons / person-days
    ('PHASE2_CONTACT_RATE',       true,  false),
    ('PHASE3_CONTACT_RATE',       true,  false),
    ('CRISIS_SAME_DAY',           true,  true),   -- episodes / episodes
    ('PSW_SUPERVISED_14D',        false, false);  -- PSWs: a per-site worker indicator, worker rule

CREATE TABLE publication_settings AS
SELECT lower(CAST(getvariable('suppression_rule') AS VARCHAR))  AS rule,
       CAST(getvariable('suppression_threshold') AS BIGINT)    AS threshold,
       CAST(getvariable('rounding_base') AS BIGINT)            AS rounding_base,
       CAST(getvariable('min_workers') AS BIGINT)              AS min_workers;

CREATE TABLE publication_input AS
SELECT r.*, v.value_rule, v.scale, v.family, c.numerator_is_count, c.denominator_is_count
FROM exact_rows AS r
LEFT JOIN indicator_values AS v USING (indicator)
LEFT JOIN publication_counts AS c USING (indicator);

-- An indicator without a publication rule must not slip through unsuppressed.
SELECT error('publication: no suppression rule for indicator(s) ' || string_agg(DISTINCT indicator, ', '))
FROM publication_input
WHERE value_rule IS NULL OR numerator_is_count IS NULL
HAVING count(*) > 0;

-- A count in 1..threshold is nulled, any other count rounded half up to a multiple of the base.
CREATE MACRO published_count(x, threshold, base) AS
    CASE WHEN x IS NULL THEN NULL
         WHEN x >= 1 AND x <= threshold THEN NULL
         ELSE floor(x / base + 0.5) * base
    END;

CREATE TABLE primary_publication AS
WITH counted AS (
    SELECT i.*,
           CASE
               WHEN s.rule = 'none' THEN i.numerator
               WHEN i.family = 'WORKLOAD' AND coalesce(i.workers, 0) < s.min_workers THEN NULL
               WHEN i.numerator_is_count THEN published_count(i.numerator, s.threshold, s.rounding_base)
               ELSE i.numerator
           END AS published_numerator,
           CASE
               WHEN s.rule = 'none' THEN i.denominator
               WHEN i.family = 'WORKLOAD' AND coalesce(i.workers, 0) < s.min_workers THEN NULL
               WHEN i.denominator_is_count THEN published_count(i.denominator, s.threshold, s.rounding_base)
               ELSE i.denominator
           END AS published_denominator,
           s.rule = 'nhs' AND i.family = 'WORKLOAD' AND coalesce(i.workers, 0) < s.min_workers AS withheld,
           s.rule
    FROM publication_input AS i
    CROSS JOIN publication_settings AS s
),
valued AS (
    SELECT *,
           CASE
               WHEN rule = 'none' THEN value
               WHEN withheld THEN NULL
               WHEN value_rule = 'NUMERATOR' THEN published_numerator
               WHEN value_rule = 'RATIO' THEN published_numerator * scale / nullif(published_denominator, 0)
               WHEN value_rule = 'MEDIAN' THEN CASE WHEN published_numerator IS NULL THEN NULL ELSE value END
           END AS published_value
    FROM counted
)
SELECT *,
       (numerator IS NOT NULL AND published_numerator IS NULL)
    OR (denominator IS NOT NULL AND published_denominator IS NULL)
    OR (value IS NOT NULL AND published_value IS NULL) AS primary_suppressed
FROM valued;

CREATE TABLE secondary_suppressions AS
WITH one_suppressed_site AS (
    SELECT indicator, programme, arm, period_type, period_start, period_end
    FROM primary_publication
    WHERE site_id <> '*'
    GROUP BY ALL
    HAVING count(*) FILTER (WHERE primary_suppressed) = 1
),
published_totals AS (
    SELECT indicator, programme, arm, period_type, period_start, period_end
    FROM primary_publication
    WHERE site_id = '*' AND NOT primary_suppressed
)
SELECT p.indicator, p.site_id, p.programme, p.arm, p.period_type, p.period_start, p.period_end
FROM primary_publication AS p
SEMI JOIN one_suppressed_site USING (indicator, programme, arm, period_type, period_start, period_end)
SEMI JOIN published_totals USING (indicator, programme, arm, period_type, period_start, period_end)
WHERE p.site_id <> '*'
  AND NOT p.primary_suppressed
QUALIFY row_number() OVER (
    PARTITION BY p.indicator, p.programme, p.arm, p.period_type, p.period_start, p.period_end
    ORDER BY coalesce(p.denominator, p.numerator), p.site_id) = 1;

CREATE TABLE published_rows AS
WITH final AS (
    SELECT p.*,
           CASE WHEN s.site_id IS NOT NULL AND p.numerator_is_count THEN NULL
                ELSE p.published_numerator END   AS out_numerator,
           CASE WHEN s.site_id IS NOT NULL AND p.denominator_is_count THEN NULL
                ELSE p.published_denominator END AS out_denominator,
           CASE WHEN s.site_id IS NOT NULL THEN NULL
                ELSE p.published_value END       AS out_value
    FROM primary_publication AS p
    LEFT JOIN secondary_suppressions AS s
           USING (indicator, site_id, programme, arm, period_type, period_start, period_end)
)
SELECT indicator, site_id, programme, arm, period_type, period_start, period_end,
       out_numerator   AS numerator,
       out_denominator AS denominator,
       out_value       AS value,
       status,
       (numerator IS NOT NULL AND out_numerator IS NULL)
    OR (denominator IS NOT NULL AND out_denominator IS NULL)
    OR (value IS NOT NULL AND out_value IS NULL) AS suppressed,
       revision,
       workers
FROM final;
