package org.karakuri.bench;

import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The baseline of {@link StartupBench}: bare Camel doing what the one-step scenario does —
 * start a context, write one small text file with Camel's file component, stop.
 */
public final class BareCamelStep {
    private BareCamelStep() {}

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]).toAbsolutePath();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:write").to("file:" + folder + "?fileName=out.txt&charset=UTF-8");
                }
            });
            camel.start();
            camel.createProducerTemplate().sendBody("direct:write", "受付を終えました\n");
        }
    }
}
