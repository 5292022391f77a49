package org.karakuri.spi;

import java.nio.file.Path;

/**
 * The engine configuration's {@code browser:} section as a browser action needs it: the browser
 * binary and its driver (null: found on the machine), or the Selenium Grid browsers come from.
 */
public record BrowserSetup(Path browser, Path driver, String grid) {
    /** Nothing configured: the machine's own browser, found without downloads. */
    public static final BrowserSetup NONE = new BrowserSetup(null, null, null);
}
