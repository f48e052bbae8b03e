-- =============================================================================================
-- 04  Psychiatric stays, merged stays and index discharges
--
-- indicators.md "Common rules / Stay", "Common rules / Index discharge",
-- "Precise rules / Stays and outcomes":
--   * a stay = ADMITTED + DISCHARGED with the same site_id + stay_id, ward = PSYCHIATRIC
--   * several ADMITTED (or DISCHARGED) for one site_id + stay_id: the first to arrive stands
--   * a discharge dated before its admission is ignored (the stay stays open)
--   * stays of one person merge when the next admission is on or before the day after the
--     previous discharge, or the previous stay is still open; a merged stay ends with its last
--     discharge and that discharge's type; a stay without discharge is open
--   * index discharge = discharge of a merged stay of type ROUTINE or AGAINST_ADVICE, attributed
--     to the enrolment active on the discharge date, else the earliest enrolment starting on
--     days 1-7 after it (any arm)
--
-- Produces
--   admissions        the standing ADMITTED of each site_id + stay_id (any ward)
--   psychiatric_stays one row per psychiatric stay (discharged_on NULL = open)
--   merged_stays      person_id, merged_stay_no, admitted_on, discharged_on (NULL = open),
--                     discharge_type, next_admitted_on (start of the person's next merged stay)
--   index_discharges  index discharges with the enrolment (and so the cell) they belong to
-- =============================================================================================

CREATE TABLE admissions AS
SELECT *
FROM effective_events
WHERE type = 'ADMITTED'
QUALIFY row_number() OVER (PARTITION BY site_id, stay_id ORDER BY ord) = 1;

CREATE TABLE discharges AS
SELECT *
FROM effective_events
WHERE type = 'DISCHARGED'
QUALIFY row_number() OVER (PARTITION BY site_id, stay_id ORDER BY ord) = 1;

-- The person of a stay is the person of its admission.
CREATE TABLE psychiatric_stays AS
SELECT a.site_id, a.stay_id, a.person_id, a.ord,
       a.event_date AS admitted_on,
       CASE WHEN d.event_date >= a.event_date THEN d.event_date END     AS discharged_on,
       CASE WHEN d.event_date >= a.event_date THEN d.discharge_type END AS discharge_type
FROM admissions AS a
LEFT JOIN discharges AS d USING (site_id, stay_id)
WHERE a.ward = 'PSYCHIATRIC';

-- Merging is "gaps and islands": a stay starts a new merged stay unless an earlier stay of the
-- person is still open or was discharged on or after the day before this admission.
CREATE TABLE stays_in_merge_order AS
SELECT *,
       bool_or(discharged_on IS NULL) OVER earlier_stays AS earlier_stay_open,
       max(discharged_on)             OVER earlier_stays AS latest_earlier_discharge
FROM psychiatric_stays
WINDOW earlier_stays AS (PARTITION BY person_id ORDER BY admitted_on, ord
                         ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING);

CREATE TABLE stays_numbered AS
SELECT *,
       sum(CASE WHEN coalesce(earlier_stay_open, false)
                  OR admitted_on <= latest_earlier_discharge + 1
                THEN 0 ELSE 1 END)
           OVER (PARTITION BY person_id ORDER BY admitted_on, ord
                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS merged_stay_no
FROM stays_in_merge_order;

-- A merged stay is open when any of its stays is open; otherwise it ends with its latest
-- discharge and that discharge's type (same-day discharges: the stay admitted last, then the
-- one whose admission arrived last).
CREATE TABLE merged_stays AS
WITH merged AS (
    SELECT person_id, merged_stay_no,
           min(admitted_on) AS admitted_on,
           CASE WHEN bool_or(discharged_on IS NULL) THEN NULL ELSE max(discharged_on) END AS discharged_on,
           CASE WHEN bool_or(discharged_on IS NULL) THEN NULL
                ELSE arg_max(discharge_type, (discharged_on, admitted_on, ord)) END AS discharge_type
    FROM stays_numbered
    GROUP BY person_id, merged_stay_no
)
SELECT *,
       lead(admitted_on) OVER (PARTITION BY person_id ORDER BY merged_stay_no) AS next_admitted_on
FROM merged;

-- Candidates: the enrolment active on the discharge date (preferred), or one starting on days
-- 1-7 after it (the earliest of those).
CREATE TABLE index_discharges AS
SELECT m.person_id, m.merged_stay_no, m.discharged_on, m.discharge_type, m.next_admitted_on,
       e.enrolment_id, e.site_id, e.programme, e.arm
FROM merged_stays AS m
JOIN enrolments AS e
  ON e.person_id = m.person_id
 AND (m.discharged_on BETWEEN e.d0 AND e.end_date
      OR e.d0 BETWEEN m.discharged_on + 1 AND m.discharged_on + 7)
WHERE m.discharge_type IN ('ROUTINE', 'AGAINST_ADVICE')
QUALIFY row_number() OVER (
    PARTITION BY m.person_id, m.merged_stay_no
    ORDER BY (m.discharged_on BETWEEN e.d0 AND e.end_date) DESC, e.d0) = 1;
