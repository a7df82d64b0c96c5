package dev.javano.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SplitRowsTest {

    /** Records each band: its rows, its thread, its scratch; and whether a product inside it was split. */
    private static final class Recording extends SplitRows {
        final List<int[]> bands = new ArrayList<>();
        final List<Thread> threads = new ArrayList<>();
        final List<Scratch> scratches = new ArrayList<>();

        Recording() {
            super(1);
        }

        @Override
        protected void run(Scratch scratch, int from, int to) {
            synchronized (this) {
                bands.add(new int[] {from, to});
                threads.add(Thread.currentThread());
                scratches.add(scratch);
            }
        }
    }

    @AfterEach
    void oneThread() {
        Blas.threads(1);
    }

    @Test
    void rowsAreCutIntoOneBandPerThread() {
        Blas.threads(2);
        Scratch own = new Scratch(1, 1);
        Recording loop = new Recording();
        loop.run(own, 37);
        assertEquals(2, loop.threads.stream().distinct().count());
        int mine = loop.threads.indexOf(Thread.currentThread());
        assertEquals(List.of(0, 18, 18, 37), List.of(loop.bands.get(mine)[0], loop.bands.get(mine)[1],
                loop.bands.get(1 - mine)[0], loop.bands.get(1 - mine)[1]));
        assertEquals(own, loop.scratches.get(mine));
        assertNotSame(own, loop.scratches.get(1 - mine));
    }

    /** A split never makes more pieces than its band prepared for, should the thread count have grown since. */
    @Test
    void noMorePiecesThanPrepared() {
        Blas.threads(3);
        List<Integer> parts = java.util.Collections.synchronizedList(new ArrayList<>());
        assertTrue(Blas.onThreads(60, (part, from, to) -> parts.add(part), 2));
        assertEquals(List.of(0, 1), parts.stream().sorted().toList());
    }

    /** What a worker's piece throws reaches the caller, and the worker takes the next piece. */
    @Test
    void aPieceThatThrowsFailsTheCallNotTheWorker() {
        Blas.threads(2);
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Blas.onThreads(10, (part, from, to) -> {
                    if (part == 1) throw new IllegalStateException("piece " + part);
                }, 2));
        assertEquals("piece 1", e.getMessage());
        List<Integer> parts = java.util.Collections.synchronizedList(new ArrayList<>());
        assertTrue(Blas.onThreads(10, (part, from, to) -> parts.add(part), 2));
        assertEquals(List.of(0, 1), parts.stream().sorted().toList());
    }

    @Test
    void fewRowsOrOneThreadRunHereInOneBand() {
        Scratch own = new Scratch(1, 1);
        Recording loop = new Recording();
        Blas.threads(2);
        loop.run(own, 2 * SplitRows.MIN_ROWS - 1);
        Blas.threads(1);
        loop.run(own, 100);
        assertEquals(List.of(Thread.currentThread(), Thread.currentThread()), loop.threads);
        assertEquals(List.of(0, 2 * SplitRows.MIN_ROWS - 1, 0, 100), List.of(loop.bands.get(0)[0], loop.bands.get(0)[1],
                loop.bands.get(1)[0], loop.bands.get(1)[1]));
    }

    /** A product inside a band runs on the band's thread: the workers are busy with the other bands. */
    @Test
    void productsInsideABandAreNotSplitAgain() {
        Blas.threads(2);
        int n = 96;
        try (FloatTensor a = FloatTensor.zeros(n, n); FloatTensor c = FloatTensor.zeros(2, n, n)) {
            for (int i = 0; i < n; i++) a.set(1, i, i);
            SplitRows loop = new SplitRows(1) {
                @Override
                protected void run(Scratch scratch, int from, int to) {
                    long out = c.address() + 4L * n * n * (from == 0 ? 0 : 1);
                    Blas.sgemm(false, false, n, n, n, 2, a.address(), n, a.address(), n, 0, out, n);
                }
            };
            GemmTrace trace = GemmTrace.start();
            try {
                loop.run(new Scratch(1, 1), 64);
            } finally {
                List<GemmTrace.Call> calls = trace.stop();
                assertEquals(2, calls.size(), "one product per band, each whole");
                assertEquals(1, calls.stream().filter(GemmTrace.Call::caller).count(), "one on the caller's thread");
                assertTrue(calls.stream().noneMatch(GemmTrace.Call::split), "neither split again");
            }
            for (int k = 0; k < 2; k++) {
                for (int i = 0; i < n; i++) assertEquals(2, c.get(k, i, i), "band " + k + " row " + i);
            }
        }
    }
}
