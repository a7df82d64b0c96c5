package dev.javano.runtime;

import java.util.concurrent.locks.LockSupport;

/**
 * Runs one matrix product on several threads by cutting C into bands, one per thread, each a
 * single-threaded OpenBLAS call. OpenBLAS's own threads do the same for large products, but
 * leave the mid-sized ones of recurrent networks (a {@code 128 x 128 x 128} step, 49 µs) on one
 * core; handing a band to a worker that is already spinning costs well under a microsecond,
 * and the step takes 30 µs on two cores (measured on the benchmark VM).
 *
 * <p>Workers spin while products keep coming (a training loop) and park after a quiet
 * millisecond. A call hands out its bands and waits for them: nothing is allocated, and the
 * caller computes a band itself. Calls may come from one thread at a time (the model's).
 */
final class GemmSplit {

    /** Below this many multiply-adds a product runs on the calling thread alone. */
    static final long MIN_WORK = 64L * 64 * 64;
    private static final long SPIN_NANOS = 1_000_000;

    private final Worker[] workers;

    GemmSplit(int threads) {
        workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker();
            Thread t = new Thread(workers[i], "javano-gemm-" + (i + 1));
            t.setDaemon(true);
            workers[i].thread = t;
            t.start();
        }
    }

    int threads() {
        return workers.length + 1;
    }

    /** One band of the work: which rows (or columns) of C it computes, or which chunks of a loop. */
    interface Band {
        /** Computes {@code [from, to)}; {@code part} numbers the threads, 0 being the caller. */
        void run(int part, int from, int to);
    }

    /**
     * Runs {@code band} over {@code [0, size)} cut into as many pieces as threads, but at most
     * {@code most} (what the band has room for), the first on this thread; returns when all are done.
     */
    void run(int size, Band band, int most) {
        int parts = Math.min(Math.min(threads(), most), size);
        for (int i = 1; i < parts; i++) {
            workers[i - 1].submit(band, i, (int) ((long) size * i / parts), (int) ((long) size * (i + 1) / parts));
        }
        try {
            band.run(0, 0, size / parts);
        } finally {
            for (int i = 1; i < parts; i++) workers[i - 1].await();
        }
        for (int i = 1; i < parts; i++) workers[i - 1].rethrow();
    }

    void stop() {
        for (Worker w : workers) w.stop = true;
        for (Worker w : workers) LockSupport.unpark(w.thread);
    }

    private static final class Worker implements Runnable {
        Thread thread;
        volatile boolean stop;
        private volatile int posted;
        private volatile int finished;
        private volatile boolean parked;
        private Band band;
        private int part;
        private int from;
        private int to;
        /** What the last piece threw, if it did: the caller rethrows it, the worker lives on. */
        private Throwable failure;

        void submit(Band b, int part, int from, int to) {
            this.band = b;
            this.part = part;
            this.from = from;
            this.to = to;
            posted = posted + 1; // publishes the fields above
            if (parked) LockSupport.unpark(thread);
        }

        void await() {
            while (finished != posted) Thread.onSpinWait();
        }

        /** After {@link #await}: throws what the piece threw, on the caller's thread. */
        void rethrow() {
            Throwable t = failure;
            if (t == null) return;
            failure = null;
            if (t instanceof RuntimeException r) throw r;
            if (t instanceof Error e) throw e;
            throw new IllegalStateException(t);
        }

        @Override
        public void run() {
            int done = 0;
            while (!stop || posted != done) { // a piece handed out before stop still runs: its caller waits for it
                long idleSince = System.nanoTime();
                while (posted == done && !stop) {
                    Thread.onSpinWait();
                    if (System.nanoTime() - idleSince > SPIN_NANOS) {
                        parked = true;
                        if (posted == done && !stop) LockSupport.parkNanos(this, SPIN_NANOS);
                        parked = false;
                    }
                }
                if (posted == done) return; // stopped
                done = posted;
                try {
                    band.run(part, from, to);
                } catch (Throwable t) { // never leave the caller waiting
                    failure = t;
                } finally {
                    finished = done; // publishes failure
                }
            }
        }
    }
}
