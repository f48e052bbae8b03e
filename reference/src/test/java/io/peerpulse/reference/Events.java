package io.peerpulse.reference;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Canonical JSON lines (spec/events.md) for hand-written test histories. Every event is recorded
 * at noon UTC of its own date unless a test says otherwise.
 */
final class Events {

    private Events() {
    }

    static String enrolled(String id, String site, String date, String person, String programme, String arm) {
        return envelope(id, "ENROLLED", site, date) + ",\"person_id\":\"" + person + "\",\"programme\":\"" + programme
                + "\",\"arm\":\"" + arm + "\",\"setting\":\"OUTPATIENT\"}";
    }

    static String enrolled(String id, String site, String date, String person, String programme, String arm,
                           int plannedDays) {
        return enrolled(id, site, date, person, programme, arm).replace("}", ",\"planned_days\":" + plannedDays + "}");
    }

    static String exited(String id, String site, String date, String person, String reason) {
        return envelope(id, "EXITED", site, date) + ",\"person_id\":\"" + person + "\",\"reason\":\"" + reason + "\"}";
    }

    /** An attended PSW contact in person. */
    static String pswContact(String id, String site, String date, String... persons) {
        return contact(id, site, date, "PSW", "IN_PERSON", "ATTENDED", persons);
    }

    static String contact(String id, String site, String date, String role, String mode, String outcome,
                          String... persons) {
        String ids = Arrays.stream(persons).map(p -> "\"" + p + "\"").collect(Collectors.joining(","));
        return envelope(id, "CONTACT", site, date) + ",\"person_ids\":[" + ids + "],\"worker_id\":\"w1\",\"worker_role\":\""
                + role + "\",\"mode\":\"" + mode + "\",\"duration_minutes\":60,\"outcome\":\"" + outcome + "\"}";
    }

    /** A contact by {@code worker} with its role, mode, outcome and duration. */
    static String contactBy(String id, String site, String date, String worker, String role, String mode,
                            String outcome, int minutes, String... persons) {
        String ids = Arrays.stream(persons).map(p -> "\"" + p + "\"").collect(Collectors.joining(","));
        return envelope(id, "CONTACT", site, date) + ",\"person_ids\":[" + ids + "],\"worker_id\":\"" + worker
                + "\",\"worker_role\":\"" + role + "\",\"mode\":\"" + mode + "\",\"duration_minutes\":" + minutes
                + ",\"outcome\":\"" + outcome + "\"}";
    }

    /** An attended contact by {@code worker}. */
    static String attended(String id, String site, String date, String worker, String role, String mode, int minutes,
                           String... persons) {
        return contactBy(id, site, date, worker, role, mode, "ATTENDED", minutes, persons);
    }

    static String workerStatus(String id, String site, String date, String worker, String role, double fte,
                               boolean active) {
        return envelope(id, "WORKER_STATUS", site, date) + ",\"worker_id\":\"" + worker + "\",\"worker_role\":\""
                + role + "\",\"fte\":" + fte + ",\"active\":" + active + "}";
    }

    /** The same contact marked {@code crisis = true}. */
    static String crisis(String contact) {
        return contact.substring(0, contact.length() - 1) + ",\"crisis\":true}";
    }

    /** A supervision session {@code worker} received. */
    static String supervision(String id, String site, String date, String worker) {
        return envelope(id, "SUPERVISION", site, date) + ",\"worker_id\":\"" + worker
                + "\",\"mode\":\"INDIVIDUAL\",\"duration_minutes\":60}";
    }

    static String admitted(String id, String site, String date, String person, String stay, String ward,
                           boolean involuntary) {
        return envelope(id, "ADMITTED", site, date) + ",\"person_id\":\"" + person + "\",\"stay_id\":\"" + stay
                + "\",\"ward\":\"" + ward + "\",\"involuntary\":" + involuntary + "}";
    }

    static String admitted(String id, String site, String date, String person, String stay) {
        return admitted(id, site, date, person, stay, "PSYCHIATRIC", false);
    }

    static String discharged(String id, String site, String date, String person, String stay, String type) {
        return envelope(id, "DISCHARGED", site, date) + ",\"person_id\":\"" + person + "\",\"stay_id\":\"" + stay
                + "\",\"discharge_type\":\"" + type + "\"}";
    }

    static String relapse(String id, String site, String date, String person) {
        return envelope(id, "RELAPSE", site, date) + ",\"person_id\":\"" + person + "\",\"kind\":\"CRISIS_TEAM\"}";
    }

    static String pause(String id, String site, String from, String until) {
        return envelope(id, "SITE_PAUSE", site, from) + ",\"paused_until\":\"" + until + "\"}";
    }

    static String voidOf(String id, String site, String date, String target) {
        return envelope(id, "VOID", site, date) + ",\"voids_event_id\":\"" + target + "\"}";
    }

    /**
     * Sets the site's horizon to {@code date} and changes nothing else: a VOID whose target never
     * arrives still counts for the horizon.
     */
    static String horizon(String site, String date) {
        return voidOf("horizon-" + site + "-" + date, site, date, "never-arrives-" + site + "-" + date);
    }

    /** Same event recorded at an explicit instant (for FUTURE_EVENT). */
    static String recordedAt(String event, String instant) {
        return event.replaceFirst("\"recorded_at\":\"[^\"]*\"", "\"recorded_at\":\"" + instant + "\"");
    }

    private static String envelope(String id, String type, String site, String date) {
        return "{\"event_id\":\"" + id + "\",\"type\":\"" + type + "\",\"site_id\":\"" + site + "\",\"occurred_at\":\""
                + date + "\",\"recorded_at\":\"" + date + "T12:00:00Z\"";
    }
}
