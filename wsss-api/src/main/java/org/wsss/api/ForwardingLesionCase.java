package org.wsss.api;

import java.util.Objects;
import java.util.Optional;

/**
 * A case that forwards every method to another: subclass it and override what differs (the
 * RECIST, the id, how slices are read), so a wrapper states only its difference.
 */
public abstract class ForwardingLesionCase implements LesionCase {

    /** The case forwarded to. */
    protected final LesionCase delegate;

    /** Forwards to {@code delegate}. */
    protected ForwardingLesionCase(LesionCase delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public Recist recist() {
        return delegate.recist();
    }

    @Override
    public VoxelSpacing spacing() {
        return delegate.spacing();
    }

    @Override
    public Window window() {
        return delegate.window();
    }

    @Override
    public LesionCategory category() {
        return delegate.category();
    }

    @Override
    public Split split() {
        return delegate.split();
    }

    @Override
    public int width() {
        return delegate.width();
    }

    @Override
    public int height() {
        return delegate.height();
    }

    @Override
    public int[] sliceIndices() {
        return delegate.sliceIndices();
    }

    @Override
    public int zOf(int sliceIndex) {
        return delegate.zOf(sliceIndex);
    }

    @Override
    public Slice slice(int sliceIndex) {
        return delegate.slice(sliceIndex);
    }

    @Override
    public Optional<Mask3D> groundTruth() {
        return delegate.groundTruth();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
