package io.mmkit.exchange;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A WireMock server on 127.0.0.1 (a free port) standing in for a venue's REST API, fresh for every test.
 * Register it on an instance field with {@code @RegisterExtension}: it starts before the test class's
 * {@code @BeforeEach} methods (so they can open a gateway on {@link #baseUrl()}) and stops after its
 * {@code @AfterEach} methods (so after the gateway is closed).
 */
public final class WireMockVenue implements BeforeEachCallback, AfterEachCallback {
    private final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    @Override
    public void beforeEach(ExtensionContext context) {
        server.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        server.stop();
    }

    public int port() {
        return server.port();
    }

    /** The REST root a venue config points at. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public StubMapping stubFor(MappingBuilder mapping) {
        return server.stubFor(mapping);
    }

    /** Answers {@code mapping} with 200 and the JSON fixture at {@code fixture} under {@code src/test/resources}. */
    public void stub(MappingBuilder mapping, String fixture) {
        server.stubFor(mapping.willReturn(okJson(TestVenues.fixture(fixture))));
    }

    public void verify(RequestPatternBuilder pattern) {
        server.verify(pattern);
    }

    public void verify(int count, RequestPatternBuilder pattern) {
        server.verify(count, pattern);
    }

    public List<LoggedRequest> findAll(RequestPatternBuilder pattern) {
        return server.findAll(pattern);
    }

    /** The one request matching {@code pattern}; fails the test if there were none or several. */
    public LoggedRequest only(RequestPatternBuilder pattern) {
        List<LoggedRequest> found = server.findAll(pattern);
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
