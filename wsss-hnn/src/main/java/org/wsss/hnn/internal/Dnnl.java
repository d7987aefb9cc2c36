package org.wsss.hnn.internal;

import static org.bytedeco.dnnl.global.dnnl.*;

import java.util.ArrayDeque;
import java.util.Deque;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_post_ops;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_attr;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;

/**
 * A thin, checked layer over oneDNN's C API (the {@code org.bytedeco:dnnl} preset): one CPU
 * engine and stream, helpers that turn a failed status into an exception, and ownership of every
 * handle made through it, so that {@link #close()} releases them all. Not thread-safe.
 */
final class Dnnl implements AutoCloseable {

    private static final Throwable LOAD_FAILURE;

    static {
        Throwable failure = null;
        try {
            Loader.load(org.bytedeco.dnnl.global.dnnl.class);
        } catch (Throwable t) {     // UnsatisfiedLinkError, NoClassDefFoundError on a platform without the natives
            failure = t;
        }
        LOAD_FAILURE = failure;
    }

    /** Whether oneDNN's natives loaded on this platform. */
    static boolean available() {
        return LOAD_FAILURE == null;
    }

    /** Why oneDNN is not available ({@code null} when it is). */
    static String unavailableReason() {
        return LOAD_FAILURE == null ? null : LOAD_FAILURE.toString();
    }

    /** A primitive with its execution arguments bound once. */
    record Op(dnnl_primitive primitive, dnnl_exec_arg_t args, int count, String what) {
    }

    final dnnl_engine engine;
    final dnnl_stream stream;
    private final Deque<Runnable> releases = new ArrayDeque<>();
    private boolean closed;

    Dnnl() {
        if (!available()) {
            throw new IllegalStateException("oneDNN is not available: " + unavailableReason());
        }
        engine = new dnnl_engine();
        check(dnnl_engine_create(engine, dnnl_cpu, 0), "engine");
        releases.push(() -> dnnl_engine_destroy(engine));
        stream = new dnnl_stream();
        check(dnnl_stream_create(stream, engine, dnnl_stream_default_flags), "stream");
        releases.push(() -> dnnl_stream_destroy(stream));
    }

    static void check(int status, String what) {
        if (status != dnnl_success) {
            throw new IllegalStateException("oneDNN " + what + " failed with status " + status);
        }
    }

    /** A dense f32 memory descriptor of logical {@code dims} in the layout {@code tag}. */
    static dnnl_memory_desc_t md(int tag, long... dims) {
        dnnl_memory_desc_t m = new dnnl_memory_desc_t();
        check(dnnl_memory_desc_init_by_tag(m, dims.length, dims, dnnl_f32, tag), "memory descriptor");
        return m;
    }

    static boolean same(dnnl_memory_desc_t a, dnnl_memory_desc_t b) {
        return dnnl_memory_desc_equal(a, b) != 0;
    }

    /** Memory that oneDNN allocates (aligned for its kernels) and frees on {@link #close()}. */
    dnnl_memory memory(dnnl_memory_desc_t md) {
        return memoryOver(md, new Pointer().position(-1));   // DNNL_MEMORY_ALLOCATE, ((void *) -1)
    }

    /** Memory over a buffer the caller owns; {@link #setHandle} points it elsewhere later. */
    private dnnl_memory memoryOver(dnnl_memory_desc_t md, Pointer handle) {
        dnnl_memory m = new dnnl_memory();
        check(dnnl_memory_create(m, md, engine, handle), "memory");
        releases.push(() -> dnnl_memory_destroy(m));
        return m;
    }

    /** Memory with no buffer yet (one is set with {@link #setHandle} before each use). */
    dnnl_memory unbound(dnnl_memory_desc_t md) {
        return memoryOver(md, null);
    }

    static void setHandle(dnnl_memory m, Pointer handle) {
        check(dnnl_memory_set_data_handle(m, handle), "set memory handle");
    }

    /** The buffer of a memory as a float pointer of {@code count} elements. */
    static FloatPointer floats(dnnl_memory m, long count) {
        PointerPointer<Pointer> out = new PointerPointer<>(1);
        check(dnnl_memory_get_data_handle(m, out), "get memory handle");
        return new FloatPointer(out.get()).capacity(count).limit(count);
    }

    /**
     * An attribute with post-ops: a sum into the destination (accumulate) when {@code sum}, then
     * a ReLU when {@code relu}; {@code null} (no attribute) for neither.
     */
    dnnl_primitive_attr attr(boolean sum, boolean relu) {
        if (!sum && !relu) {
            return null;
        }
        dnnl_post_ops po = new dnnl_post_ops();
        check(dnnl_post_ops_create(po), "post-ops");
        releases.push(() -> dnnl_post_ops_destroy(po));
        if (sum) {
            check(dnnl_post_ops_append_sum(po, 1f), "sum post-op");
        }
        if (relu) {
            check(dnnl_post_ops_append_eltwise(po, 1f, dnnl_eltwise_relu, 0f, 0f), "ReLU post-op");
        }
        dnnl_primitive_attr attr = new dnnl_primitive_attr();
        check(dnnl_primitive_attr_create(attr), "attribute");
        releases.push(() -> dnnl_primitive_attr_destroy(attr));
        check(dnnl_primitive_attr_set_post_ops(attr, po), "set post-ops");
        return attr;
    }

    /** A primitive descriptor of an operation descriptor ({@code hint}: the forward one, for backward operations). */
    dnnl_primitive_desc pd(Pointer opDesc, dnnl_primitive_attr attr, dnnl_primitive_desc hint, String what) {
        dnnl_primitive_desc p = new dnnl_primitive_desc();
        check(dnnl_primitive_desc_create(p, new const_dnnl_op_desc_t(opDesc), attr, engine, hint), what);
        releases.push(() -> dnnl_primitive_desc_destroy(p));
        return p;
    }

    /** A reorder between two layouts of the same logical array. */
    dnnl_primitive_desc reorderPd(dnnl_memory_desc_t from, dnnl_memory_desc_t to) {
        dnnl_primitive_desc p = new dnnl_primitive_desc();
        check(dnnl_reorder_primitive_desc_create(p, from, engine, to, engine, null), "reorder");
        releases.push(() -> dnnl_primitive_desc_destroy(p));
        return p;
    }

    /**
     * A memory in the layout {@code kernel} standing for {@code user} (laid out as {@code userMd}):
     * {@code user} itself when the layouts agree, else a new memory and the reorder that keeps the
     * two in step — from {@code user} into it, or from it back into {@code user} when
     * {@code toUser} (for a result). The reorder is {@code null} when none is needed.
     */
    Staged staged(dnnl_memory user, dnnl_memory_desc_t userMd, dnnl_memory_desc_t kernel, boolean toUser, String what) {
        if (same(kernel, userMd)) {
            return new Staged(user, null);
        }
        dnnl_memory m = memory(kernel);
        Op reorder = toUser ? op(reorderPd(kernel, userMd), what, DNNL_ARG_FROM, m, DNNL_ARG_TO, user)
                : op(reorderPd(userMd, kernel), what, DNNL_ARG_FROM, user, DNNL_ARG_TO, m);
        return new Staged(m, reorder);
    }

    /** A memory in a kernel's layout and the reorder to run with it ({@code null} if none). */
    record Staged(dnnl_memory memory, Op reorder) {
    }

    static dnnl_memory_desc_t query(dnnl_primitive_desc pd, int what) {
        return dnnl_primitive_desc_query_md(pd, what, 0);
    }

    /** The primitive of {@code pd} with its arguments: pairs of {@code DNNL_ARG_*} and memory. */
    Op op(dnnl_primitive_desc pd, String what, Object... argPairs) {
        dnnl_primitive p = new dnnl_primitive();
        check(dnnl_primitive_create(p, pd), what);
        releases.push(() -> dnnl_primitive_destroy(p));
        int n = argPairs.length / 2;
        dnnl_exec_arg_t args = new dnnl_exec_arg_t(n);
        for (int i = 0; i < n; i++) {
            args.position(i).arg((Integer) argPairs[2 * i]).memory((dnnl_memory) argPairs[2 * i + 1]);
        }
        args.position(0);
        return new Op(p, args, n, what);
    }

    void run(Op op) {
        check(dnnl_primitive_execute(op.primitive(), stream, op.count(), op.args()), op.what());
    }

    /** Waits for the stream (the CPU stream runs synchronously; this keeps the contract explicit). */
    void await() {
        check(dnnl_stream_wait(stream), "stream wait");
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!releases.isEmpty()) {
            releases.pop().run();
        }
    }
}
