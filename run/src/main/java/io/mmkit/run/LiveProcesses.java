package io.mmkit.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Finding a recorded process again, and waiting for one that is not our child. A pid is recorded with its
 * process's start time, so a recycled pid is never mistaken for ours.
 */
final class LiveProcesses {
    private LiveProcesses() {
    }

    static String startedOf(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toString).orElse("");
    }

    /** The live process with this pid, if it is still the one that started at {@code started}. */
    static Optional<ProcessHandle> find(long pid, String started) {
        if (pid <= 0) {
            return Optional.empty();
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(h -> h.isAlive() && !isZombie(pid));
        if (handle.isPresent() && started != null && !started.isEmpty()) {
            String now = startedOf(handle.get());
            if (!now.isEmpty() && !now.equals(started)) {
                return Optional.empty(); // the pid was recycled by another process
            }
        }
        return handle;
    }

    /**
     * Waits for a process that is not our child. {@code ProcessHandle.onExit()} polls such a process only every
     * second or so, which would blur the stop time we report; a 10 ms check does not.
     */
    static boolean awaitExit(ProcessHandle handle, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (handle.isAlive() && !isZombie(handle.pid())) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return true;
    }

    /**
     * A process that is not our child stays a zombie after its exit until its parent reaps it, and a zombie
     * still counts as alive. On Linux, its state in {@code /proc} tells the truth.
     */
    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName > 0 && stat.length() > afterName + 2 && stat.charAt(afterName + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false; // no /proc: rely on isAlive alone
        }
    }
}
