package io.mmkit.run.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/**
 * Stands in for {@code Main cancel-all --config <file>} against the Backpack-shaped mock venue
 * ({@code SimulatedVenueServer}) until the real command is merged: same command line, same contract —
 * cancels the orders on the config's symbol, then lists them and exits 0 only if none remain (1 otherwise,
 * 2 for a wrong command line).
 */
public final class MockVenueSweep {
    private MockVenueSweep() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !args[0].equals("cancel-all") || !args[1].equals("--config")) {
            System.out.println("mock venue sweep: unexpected command line: " + String.join(" ", args));
            System.exit(2);
        }
        JsonNode config = new ObjectMapper().readTree(Path.of(args[2]).toFile());
        String base = config.path("exchange").path("base_url").asText();
        String symbol = config.path("symbol").asText();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> cancelled = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/orders"))
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"symbol\":\"" + symbol + "\"}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> open = http.send(HttpRequest.newBuilder(
                URI.create(base + "/api/v1/orders?symbol=" + symbol)).GET().build(), HttpResponse.BodyHandlers.ofString());
        int left = new ObjectMapper().readTree(open.body()).size();
        System.out.println("mock venue sweep called with: " + String.join(" ", args) + "; cancelled "
                + new ObjectMapper().readTree(cancelled.body()).size() + ", " + left + " remain");
        System.exit(left == 0 ? 0 : 1);
    }
}
