package org.karakuri.robots.data;

import java.util.Map;

/** Kill and resume with the embedded ledger, opened by the test while the engine process holds it. */
class ResumeAfterKillOnH2Test extends ResumeAfterKillContract {
    @Override
    Map<String, String> database() {
        return Map.of();
    }
}
