package org.wsss.api;

/**
 * Progress of a long step, reported by experiments so that a caller can show a bar or log.
 * Calls may come from several threads. {@link #NONE} ignores everything.
 */
public interface Progress {

    /** A progress sink that does nothing. */
    Progress NONE = new Progress() {
        @Override
        public void start(String task, long total) {
        }

        @Override
        public void advance(long n) {
        }

        @Override
        public void finish() {
        }
    };

    /** A new step named {@code task} with {@code total} units of work. */
    void start(String task, long total);

    /** {@code n} more units done. */
    void advance(long n);

    /** The step is over. */
    void finish();
}
