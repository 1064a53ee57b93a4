package io.mmkit.run.logs;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Adds the instance's rolling log file to the console logging set up by {@code logback.xml}, once the config
 * is known to be valid. The instance id goes into a logger context property ({@code %property{instance}}: on
 * every thread, the venue's included) and into the MDC of the calling thread, which becomes the strategy thread.
 */
public final class InstanceLogging {
    public static final String MDC_KEY = "instance";
    static final String APPENDER = "INSTANCE_FILE";
    static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX,UTC} %-5level [%property{instance}] [%thread] %logger{30} - %msg%n";

    private InstanceLogging() {
    }

    /**
     * Starts writing {@code <directory>/<instanceId>.log}. Returns the file, or null when the settings turn
     * file logging off or logback is not the SLF4J backend (then the console is all there is).
     */
    public static Path install(String instanceId, LogSettings settings) {
        MDC.put(MDC_KEY, instanceId);
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!settings.file() || !(factory instanceof LoggerContext context)) {
            return null;
        }
        context.putProperty(MDC_KEY, instanceId);
        Path file = settings.fileOf(instanceId).toAbsolutePath();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(APPENDER);

        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setFile(file.toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(file.getParent().resolve(instanceId + ".%d{yyyy-MM-dd}.%i.log.gz").toString());
        policy.setMaxFileSize(new FileSize(settings.maxFileSizeBytes()));
        policy.setMaxHistory(settings.maxHistoryDays());
        policy.setTotalSizeCap(new FileSize(settings.totalSizeCapBytes()));
        policy.start();
        appender.setRollingPolicy(policy);
        appender.setEncoder(encoder(context, settings.format()));
        appender.start();
        root.addAppender(appender);
        return file;
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, LogSettings.Format format) {
        if (format == LogSettings.Format.JSON) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(context);
            json.start();
            return json;
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern(TEXT_PATTERN);
        text.start();
        return text;
    }
}
