package io.mmkit.run.alerts;

import java.io.IOException;

/** Where alerts go: a webhook, a chat. Called on the alerter's own thread, one alert at a time. */
interface AlertSink {
    /** A name for log lines that carries no secret (e.g. "webhook 127.0.0.1:8080", "telegram"). */
    String describe();

    /** Delivers one alert, or throws: the alerter logs the failure and retries once. */
    void send(Alert alert) throws IOException;
}
