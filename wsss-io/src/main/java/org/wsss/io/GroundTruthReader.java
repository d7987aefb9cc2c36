package org.wsss.io;

import java.nio.file.Path;
import org.wsss.api.LesionCase;
import org.wsss.api.Mask3D;

/**
 * Reads a case's ground-truth mask file ({@code ground_truth/<case id>.nii.gz} of a
 * DeepLesion-layout folder). The dataset calls it only when the file exists, and checks that
 * the mask it returns lies on the case's grid (width × height × number of stored slices) with
 * the case's spacing. {@link DeepLesion#open(Path)} uses {@link Nifti#readMask}; another reader
 * plugs in like this:
 * <pre>{@code
 * LesionDataset ds = DeepLesion.open(dir, (file, c) -> labelMapReader.readLesion(file, 1));
 * }</pre>
 */
@FunctionalInterface
public interface GroundTruthReader {

    /**
     * The mask stored in {@code file} for {@code lesion}.
     *
     * @throws org.wsss.api.WsssIoException if the file cannot be read, naming it
     */
    Mask3D read(Path file, LesionCase lesion);
}
