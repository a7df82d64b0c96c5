package dev.javano.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SplitLoopTest {

    /** Sums its elements' indices, and records which thread computed which range with which scratch. */
    private static final class Recording extends SplitLoop {
        final List<long[]> ranges = new ArrayList<>();
        final List<Thread> threads = new ArrayList<>();
        final List<Scratch> scratches = new ArrayList<>();

        Recording() {
            super(2);
        }

        @Override
        protected double run(Scratch scratch, long from, long to) {
            synchronized (this) {
                ranges.add(new long[] {from, to});
                threads.add(Thread.currentThread());
                scratches.add(scratch);
            }
            double s = 0;
            for (long i = from; i < to; i++) s += i;
            return s;
        }
    }

    @AfterEach
    void oneThread() {
        Blas.threads(1);
    }

    @Test
    void largeLoopsRunInChunksOnEveryThread() {
        Blas.threads(2);
        Scratch own = new Scratch(2, 2);
        Recording loop = new Recording();
        long n = SplitLoop.MIN_ELEMENTS + 5 * Scratch.CHUNK + 17; // the last chunk short
        long half = (n + Scratch.CHUNK - 1) / Scratch.CHUNK / 2 * Scratch.CHUNK;
        assertEquals(n * (n - 1) / 2.0, loop.run(own, n));
        assertEquals(2, loop.ranges.size());
        assertEquals(2, loop.threads.stream().distinct().count(), "two threads");
        long[] first = loop.ranges.get(loop.threads.indexOf(Thread.currentThread()));
        long[] second = loop.ranges.get(1 - loop.threads.indexOf(Thread.currentThread()));
        assertEquals(List.of(0L, half, half, n), List.of(first[0], first[1], second[0], second[1]));
        Scratch workers = loop.scratches.get(1 - loop.threads.indexOf(Thread.currentThread()));
        assertSame(own, loop.scratches.get(loop.threads.indexOf(Thread.currentThread())), "the caller's own scratch");
        assertNotSame(own, workers, "the worker's own scratch");
        loop.run(own, n);
        assertSame(workers, loop.scratches.get(2 + (1 - loop.threads.subList(2, 4).indexOf(Thread.currentThread()))),
                "made once");
    }

    @Test
    void smallLoopsAndOneThreadRunHere() {
        Scratch own = new Scratch(2, 2);
        Recording loop = new Recording();
        Blas.threads(2);
        loop.run(own, SplitLoop.MIN_ELEMENTS - 1);
        Blas.threads(1);
        loop.run(own, 3 * SplitLoop.MIN_ELEMENTS);
        assertEquals(List.of(Thread.currentThread(), Thread.currentThread()), loop.threads);
        assertEquals(List.of(own, own), loop.scratches);
        assertEquals(3 * SplitLoop.MIN_ELEMENTS, loop.ranges.get(1)[1]);
    }

    @Test
    void splitRunsAllocateNothing() {
        Blas.threads(2);
        Scratch own = new Scratch(2, 2);
        SplitLoop loop = new SplitLoop(1) {
            @Override
            protected double run(Scratch scratch, long from, long to) {
                return to - from;
            }
        };
        loop.run(own, SplitLoop.MIN_ELEMENTS); // makes the worker's scratch
        assertEquals(0, Allocations.of(2_000, () -> loop.run(own, 2 * SplitLoop.MIN_ELEMENTS)));
    }
}
