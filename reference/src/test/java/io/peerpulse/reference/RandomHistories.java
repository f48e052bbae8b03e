package io.peerpulse.reference;

import static io.peerpulse.reference.Events.admitted;
import static io.peerpulse.reference.Events.contactBy;
import static io.peerpulse.reference.Events.discharged;
import static io.peerpulse.reference.Events.enrolled;
import static io.peerpulse.reference.Events.exited;
import static io.peerpulse.reference.Events.horizon;
import static io.peerpulse.reference.Events.pause;
import static io.peerpulse.reference.Events.relapse;
import static io.peerpulse.reference.Events.workerStatus;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Small random histories (tens of events, two sites, a few workers with status changes) for the
 * reference's own property tests.
 */
final class RandomHistories {

    private static final String[] SITES = {"s1", "s2"};
    private static final String[] ARMS = {"INTERVENTION", "CONTROL"};
    private static final String[] MODES = {"IN_PERSON", "PHONE", "MESSAGE", "GROUP", "HOME_VISIT"};
    private static final String[] EXIT_REASONS = {"COMPLETED", "DROPPED_OUT", "DIED", "MOVED"};
    private static final String[] DISCHARGE_TYPES = {"ROUTINE", "AGAINST_ADVICE", "TRANSFER", "DIED"};
    private static final String[] WORKERS = {"w1", "w2", "w3", "w4", "w5"};
    private static final String[] ROLES = {"PSW", "MHW"};
    private static final double[] FTES = {0.0, 0.2, 0.5, 0.8, 1.0, 1.5};
    private static final LocalDate START = LocalDate.of(2021, 1, 1);

    private final Random random;
    private int next;

    private RandomHistories(long seed) {
        this.random = new Random(seed);
    }

    /** One history as JSON lines in arrival order; event ids are unique. */
    static List<String> generate(long seed) {
        return new RandomHistories(seed).history();
    }

    private List<String> history() {
        List<String> events = new ArrayList<>();
        int persons = 2 + random.nextInt(6);
        for (int p = 0; p < persons; p++) {
            person("p" + p, persons, events);
        }
        for (int i = random.nextInt(12); i > 0; i--) {
            events.add(workerStatus(id(), site(), day(random.nextInt(120)), WORKERS[random.nextInt(WORKERS.length)],
                    random.nextInt(4) == 0 ? "MHW" : "PSW", FTES[random.nextInt(FTES.length)], random.nextInt(5) != 0));
        }
        if (random.nextBoolean()) {
            String from = day(random.nextInt(120));
            events.add(pause(id(), site(), from, LocalDate.parse(from).plusDays(random.nextInt(20)).toString()));
        }
        Collections.shuffle(events, random);
        for (String site : SITES) {
            events.add(horizon(site, day(100 + random.nextInt(80))));
        }
        return events;
    }

    private void person(String person, int persons, List<String> events) {
        String site = site();
        String programme = random.nextBoolean() ? "P" : "Q";
        String arm = ARMS[random.nextInt(ARMS.length)];
        int d0 = random.nextInt(90);
        events.add(random.nextInt(4) == 0
                ? enrolled(id(), site, day(d0), person, programme, arm, 20 + random.nextInt(100))
                : enrolled(id(), site, day(d0), person, programme, arm));
        if (random.nextInt(4) == 0) {
            events.add(enrolled(id(), site(), day(d0 + random.nextInt(60)), person, programme, arm));
        }
        if (random.nextInt(3) == 0) {
            events.add(exited(id(), site, day(d0 + random.nextInt(80)), person,
                    EXIT_REASONS[random.nextInt(EXIT_REASONS.length)]));
        }
        for (int i = random.nextInt(12); i > 0; i--) {
            String[] group = random.nextInt(5) == 0
                    ? new String[] {person, "p" + random.nextInt(persons), person}
                    : new String[] {person};
            events.add(contactBy(id(), site(), day(d0 - 5 + random.nextInt(100)), WORKERS[random.nextInt(WORKERS.length)],
                    ROLES[random.nextInt(ROLES.length)], MODES[random.nextInt(MODES.length)],
                    random.nextInt(5) == 0 ? "DID_NOT_ATTEND" : "ATTENDED", 15 * random.nextInt(49), group));
        }
        for (int i = random.nextInt(4); i > 0; i--) {
            String stay = id();
            int admittedOn = d0 - 10 + random.nextInt(100);
            events.add(admitted(id(), site(), day(admittedOn), person, stay,
                    random.nextInt(5) == 0 ? "OTHER" : "PSYCHIATRIC", random.nextBoolean()));
            if (random.nextInt(5) != 0) {
                events.add(discharged(id(), site(), day(admittedOn - 1 + random.nextInt(20)), person, stay,
                        DISCHARGE_TYPES[random.nextInt(DISCHARGE_TYPES.length)]));
            }
        }
        for (int i = random.nextInt(5); i > 0; i--) {
            events.add(relapse(id(), site(), day(d0 + random.nextInt(100)), person));
        }
    }

    private String site() {
        return SITES[random.nextInt(SITES.length)];
    }

    private String id() {
        return "r" + (next++);
    }

    private static String day(int offset) {
        return START.plusDays(offset).toString();
    }
}
