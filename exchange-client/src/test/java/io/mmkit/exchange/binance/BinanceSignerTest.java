package io.mmkit.exchange.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.exchange.TestVenues;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinanceSignerTest {

    /** The signed-endpoint example of Binance's API documentation (LTCBTC limit buy). */
    @Test
    void shouldReproduceTheDocumentedLtcbtcSignature() {
        BinanceSigner signer = new BinanceSigner(TestVenues.BINANCE_SECRET);
        String query = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1"
                + "&recvWindow=5000&timestamp=1499827319559";

        assertThat(signer.sign(query)).isEqualTo("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
    }

    @Test
    void shouldBuildTheQueryStringInParameterOrder() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", "LTCBTC");
        params.put("side", "BUY");
        params.put("type", "LIMIT");
        params.put("timeInForce", "GTC");
        params.put("quantity", "1");
        params.put("price", "0.1");
        params.put("recvWindow", "5000");
        params.put("timestamp", "1499827319559");

        assertThat(BinanceRestApi.query(params)).isEqualTo("symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC"
                + "&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559");
    }
}
