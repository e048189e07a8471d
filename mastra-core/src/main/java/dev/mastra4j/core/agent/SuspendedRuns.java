package dev.mastra4j.core.agent;

import dev.mastra4j.auth.JwtUser;
import dev.mastra4j.core.context.RequestContext;
import dev.mastra4j.core.error.AccessDeniedException;
import dev.mastra4j.core.error.InvalidRequestException;
import dev.mastra4j.core.error.MastraException;
import dev.mastra4j.core.error.NotFoundException;
import dev.mastra4j.core.storage.InMemorySuspendedRunStore;
import dev.mastra4j.core.storage.SuspendedRunRecord;
import dev.mastra4j.core.storage.SuspendedRunStore;
import java.lang.reflect.RecordComponent;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Runs that wait for a person to approve or decline a tool call, and the one place that decides who may resume which:
 * every approval and decline, from Java or over HTTP, goes through {@link #claim}. Mastra's own runs keep no owner; ours
 * do.
 *
 * <p>Rules (Mastra 1.71 answers 500 for the first and fourth, and lets anyone resume any run):
 *
 * <ul>
 *   <li>An unknown run id, or a run of another agent: 404 with Mastra's message.
 *   <li>A run started by another user ({@link #owner}): 403 {@value #RUN_DENIED}; the run stays suspended for its
 *       owner. A run started without a user may be resumed by anyone, as with auth off.
 *   <li>A run already approved or declined: 409. A run past its time limit ({@code approvalTimeout}, default one day):
 *       410. A {@code toolCallId} the run does not wait for: 400.
 *   <li>Of concurrent approvals of one run exactly one wins; the others get 409.
 * </ul>
 *
 * Expired records are deleted a day after they expire (until then they answer 410).
 */
public final class SuspendedRuns {

    /** How long a run waits for a decision unless {@code Mastra.builder().approvalTimeout(...)} says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofDays(1);

    public static final String RUN_DENIED = "Access denied: run belongs to a different user";

    private static final List<String> USER_ID_COMPONENTS = List.of("userId", "subject", "sub", "id");
    private static final Duration KEEP_EXPIRED = Duration.ofDays(1);
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final SuspendedRunStore store;
    private final Duration timeout;
    private final Clock clock;
    private volatile Instant nextSweep = Instant.MIN;

    private SuspendedRuns(SuspendedRunStore store, Duration timeout, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("approvalTimeout must be positive");
        }
    }

    /** Runs kept in this process's memory, waiting {@link #DEFAULT_TIMEOUT}. */
    public static SuspendedRuns inMemory() {
        return of(new InMemorySuspendedRunStore(), DEFAULT_TIMEOUT, Clock.systemUTC());
    }

    /** Runs kept in {@code store}, each waiting {@code timeout} for a decision, timed by {@code clock}. */
    public static SuspendedRuns of(SuspendedRunStore store, Duration timeout, Clock clock) {
        return new SuspendedRuns(store, timeout, clock);
    }

    /** How long a run waits for a decision. */
    public Duration timeout() {
        return timeout;
    }

    /** The store behind these runs; callers must not use it to skip the checks here. */
    public SuspendedRunStore store() {
        return store;
    }

    /**
     * Who a request acts as: the resource id the auth provider mapped ({@link RequestContext#RESOURCE_ID_KEY}), else the
     * signed-in user's token subject or principal name; null without a user (auth off).
     */
    public static String owner(RequestContext context) {
        if (context == null) {
            return null;
        }
        Object resource = context.get(RequestContext.RESOURCE_ID_KEY);
        if (resource instanceof String id && !id.isBlank()) {
            return "resource:" + id;
        }
        return switch (context.get(RequestContext.USER_KEY)) {
            case null -> null;
            case JwtUser jwt when jwt.subject() != null -> "subject:" + jwt.subject();
            case Principal principal when principal.getName() != null -> "principal:" + principal.getName();
            case Object user -> userId(user);
        };
    }

    /**
     * A user object of another kind (a provider's own record, such as Clerk's user): its {@code userId},
     * {@code subject}, {@code sub} or {@code id} component, the first that is a non-blank string; else its text.
     */
    private static String userId(Object user) {
        if (user instanceof Record record) {
            for (String name : USER_ID_COMPONENTS) {
                for (RecordComponent component : record.getClass().getRecordComponents()) {
                    if (component.getName().equals(name) && component.getType() == String.class) {
                        try {
                            if (component.getAccessor().invoke(record) instanceof String id && !id.isBlank()) {
                                return name + ":" + id;
                            }
                        } catch (ReflectiveOperationException | RuntimeException e) {
                            // Not readable: try the next name.
                        }
                    }
                }
            }
        }
        return "user:" + user;
    }

    /** Keeps a run that suspends now, waiting for {@code toolCallId}. */
    void suspend(String runId, String agentId, String owner, String toolCallId, String state) {
        Instant now = now();
        store.save(new SuspendedRunRecord(runId, agentId, owner, toolCallId, state, now, now.plus(timeout), null));
        sweep(now);
    }

    /**
     * Checks the rules above for a decision on {@code toolCallId} of {@code runId} by {@code owner}, and claims the run
     * (once): returns its record, or throws the 4xx.
     */
    SuspendedRunRecord claim(Agent agent, String runId, String toolCallId, String owner) {
        if (runId == null || runId.isBlank()) {
            throw InvalidRequestException.of("runId", "runId is required");
        }
        if (toolCallId == null || toolCallId.isBlank()) {
            throw InvalidRequestException.of("toolCallId", "toolCallId is required");
        }
        SuspendedRunRecord run =
                store.get(runId).filter(r -> r.agentId().equals(agent.id())).orElseThrow(() -> notFound(agent, runId));
        if (run.owner() != null && !run.owner().equals(owner)) {
            throw new AccessDeniedException(RUN_DENIED);
        }
        if (run.isResumed()) {
            throw alreadyResumed(runId);
        }
        Instant now = now();
        if (!now.isBefore(run.expiresAt())) {
            throw new MastraException(410, "The approval of run " + runId + " expired at " + run.expiresAt());
        }
        if (!run.toolCallId().equals(toolCallId)) {
            throw InvalidRequestException.of(
                    "toolCallId", "Run " + runId + " waits for a decision on tool call " + run.toolCallId());
        }
        if (!store.claim(runId, toolCallId, now)) {
            throw alreadyResumed(runId);
        }
        return run;
    }

    private static MastraException alreadyResumed(String runId) {
        return new MastraException(409, "Run " + runId + " was already approved or declined");
    }

    /** Mastra's message, with 404 where Mastra answers 500. */
    private static NotFoundException notFound(Agent agent, String runId) {
        return new NotFoundException("Agent \"" + agent.name() + "\" resumeStream() could not find a suspended run for "
                + "runId \"" + runId + "\". The run may have already completed, never suspended, or the runId is "
                + "invalid. Ensure you are calling resumeStream() only with a runId from a currently-suspended run.");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private void sweep(Instant now) {
        if (now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plus(SWEEP_EVERY);
        store.deleteExpiredBefore(now.minus(KEEP_EXPIRED));
    }
}
