-- =============================================================================================
-- 03  Contacts
--
-- indicators.md "Common rules / PSW contact": CONTACT with worker_role = PSW and outcome =
-- ATTENDED; it counts once for each person in person_ids (a "contact-person"; a person listed
-- twice in one contact counts once). It belongs to the enrolment of that person active on the
-- contact's date, whichever site recorded it; contacts outside any enrolment count only for
-- workload.
--
-- Produces
--   contact_persons      one row per (contact event, distinct person), with its crisis flag
--   psw_contact_persons  attended PSW contact-persons inside an enrolment, with that enrolment
-- =============================================================================================

CREATE TABLE contact_persons AS
SELECT DISTINCT c.event_id AS contact_id, p.person_id, c.event_date AS contact_date,
       c.site_id AS recorded_by_site, c.worker_role, c.mode, c.outcome, coalesce(c.crisis, false) AS crisis
FROM effective_events AS c,
     (SELECT unnest(c.person_ids) AS person_id) AS p
WHERE c.type = 'CONTACT';

CREATE TABLE psw_contact_persons AS
SELECT cp.contact_id, cp.person_id, cp.contact_date,
       e.enrolment_id, e.site_id, e.programme, e.arm, e.d0
FROM contact_persons AS cp
JOIN enrolments AS e
  ON e.person_id = cp.person_id AND cp.contact_date BETWEEN e.d0 AND e.end_date
WHERE cp.worker_role = 'PSW'
  AND cp.outcome = 'ATTENDED';
