package org.karakuri.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessOwnerTest {
    @Test
    void readsWhatItWrites() {
        ProcessOwner o = new ProcessOwner("host-1.city.local", 4242, 1_700_000_000_000L);
        assertThat(ProcessOwner.parse(o.toString())).contains(o);
        assertThat(ProcessOwner.parse("nonsense")).isEmpty();
        assertThat(ProcessOwner.parse(null)).isEmpty();
    }

    @Test
    void thisProcessIsAlive() {
        assertThat(ProcessOwner.current().isAlive()).isTrue();
    }

    @Test
    void anEndedProcessIsGoneAndSoIsARecycledProcessId() throws Exception {
        ProcessOwner gone = LedgerContract.goneProcess();
        assertThat(gone.isAlive()).isFalse();
        ProcessOwner me = ProcessOwner.current();
        assertThat(new ProcessOwner(me.host(), me.pid(), me.startMillis() - 60_000).isAlive()).isFalse();
    }
}
