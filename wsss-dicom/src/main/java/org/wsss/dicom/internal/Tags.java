package org.wsss.dicom.internal;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The DICOM tags the SDK reads and writes, with their keywords for error messages. */
public final class Tags {

    private static final Map<Integer, String> NAMES = new HashMap<>();

    private static int t(int tag, String keyword) {
        NAMES.put(tag, keyword);
        return tag;
    }

    public static final int TRANSFER_SYNTAX_UID = t(0x00020010, "TransferSyntaxUID");
    public static final int MEDIA_STORAGE_SOP_CLASS_UID = t(0x00020002, "MediaStorageSOPClassUID");

    public static final int SPECIFIC_CHARACTER_SET = t(0x00080005, "SpecificCharacterSet");
    public static final int IMAGE_TYPE = t(0x00080008, "ImageType");
    public static final int SOP_CLASS_UID = t(0x00080016, "SOPClassUID");
    public static final int SOP_INSTANCE_UID = t(0x00080018, "SOPInstanceUID");
    public static final int STUDY_DATE = t(0x00080020, "StudyDate");
    public static final int SERIES_DATE = t(0x00080021, "SeriesDate");
    public static final int CONTENT_DATE = t(0x00080023, "ContentDate");
    public static final int STUDY_TIME = t(0x00080030, "StudyTime");
    public static final int SERIES_TIME = t(0x00080031, "SeriesTime");
    public static final int CONTENT_TIME = t(0x00080033, "ContentTime");
    public static final int ACCESSION_NUMBER = t(0x00080050, "AccessionNumber");
    public static final int MODALITY = t(0x00080060, "Modality");
    public static final int MANUFACTURER = t(0x00080070, "Manufacturer");
    public static final int REFERRING_PHYSICIAN_NAME = t(0x00080090, "ReferringPhysicianName");
    public static final int CODE_VALUE = t(0x00080100, "CodeValue");
    public static final int CODING_SCHEME_DESIGNATOR = t(0x00080102, "CodingSchemeDesignator");
    public static final int CODE_MEANING = t(0x00080104, "CodeMeaning");
    public static final int SERIES_DESCRIPTION = t(0x0008103E, "SeriesDescription");
    public static final int MANUFACTURER_MODEL_NAME = t(0x00081090, "ManufacturerModelName");
    public static final int REFERENCED_SERIES_SEQUENCE = t(0x00081115, "ReferencedSeriesSequence");
    public static final int REFERENCED_SOP_CLASS_UID = t(0x00081150, "ReferencedSOPClassUID");
    public static final int REFERENCED_SOP_INSTANCE_UID = t(0x00081155, "ReferencedSOPInstanceUID");
    public static final int REFERENCED_SOP_SEQUENCE = t(0x00081199, "ReferencedSOPSequence");
    public static final int RELATIONSHIP_TYPE = t(0x0040A010, "RelationshipType");
    public static final int VALUE_TYPE = t(0x0040A040, "ValueType");
    public static final int CONCEPT_NAME_CODE_SEQUENCE = t(0x0040A043, "ConceptNameCodeSequence");
    public static final int TEXT_VALUE = t(0x0040A160, "TextValue");
    public static final int CONTENT_SEQUENCE = t(0x0040A730, "ContentSequence");
    public static final int GRAPHIC_DATA = t(0x00700022, "GraphicData");
    public static final int GRAPHIC_TYPE = t(0x00700023, "GraphicType");
    public static final int REFERENCED_INSTANCE_SEQUENCE = t(0x0008114A, "ReferencedInstanceSequence");
    public static final int SOURCE_IMAGE_SEQUENCE = t(0x00082112, "SourceImageSequence");
    public static final int DERIVATION_DESCRIPTION = t(0x00082111, "DerivationDescription");
    public static final int DERIVATION_IMAGE_SEQUENCE = t(0x00089124, "DerivationImageSequence");
    public static final int DERIVATION_CODE_SEQUENCE = t(0x00089215, "DerivationCodeSequence");
    public static final int PURPOSE_OF_REFERENCE_CODE_SEQUENCE = t(0x0040A170, "PurposeOfReferenceCodeSequence");

    public static final int PATIENT_NAME = t(0x00100010, "PatientName");
    public static final int PATIENT_ID = t(0x00100020, "PatientID");
    public static final int PATIENT_BIRTH_DATE = t(0x00100030, "PatientBirthDate");
    public static final int PATIENT_SEX = t(0x00100040, "PatientSex");

    public static final int SLICE_THICKNESS = t(0x00180050, "SliceThickness");
    public static final int KVP = t(0x00180060, "KVP");
    public static final int SPACING_BETWEEN_SLICES = t(0x00180088, "SpacingBetweenSlices");
    public static final int DEVICE_SERIAL_NUMBER = t(0x00181000, "DeviceSerialNumber");
    public static final int SOFTWARE_VERSIONS = t(0x00181020, "SoftwareVersions");
    public static final int GANTRY_DETECTOR_TILT = t(0x00181120, "GantryDetectorTilt");
    public static final int PATIENT_POSITION = t(0x00185100, "PatientPosition");

    public static final int STUDY_INSTANCE_UID = t(0x0020000D, "StudyInstanceUID");
    public static final int SERIES_INSTANCE_UID = t(0x0020000E, "SeriesInstanceUID");
    public static final int STUDY_ID = t(0x00200010, "StudyID");
    public static final int SERIES_NUMBER = t(0x00200011, "SeriesNumber");
    public static final int ACQUISITION_NUMBER = t(0x00200012, "AcquisitionNumber");
    public static final int INSTANCE_NUMBER = t(0x00200013, "InstanceNumber");
    public static final int IMAGE_POSITION_PATIENT = t(0x00200032, "ImagePositionPatient");
    public static final int IMAGE_ORIENTATION_PATIENT = t(0x00200037, "ImageOrientationPatient");
    public static final int LATERALITY = t(0x00200060, "Laterality");
    public static final int FRAME_OF_REFERENCE_UID = t(0x00200052, "FrameOfReferenceUID");
    public static final int POSITION_REFERENCE_INDICATOR = t(0x00201040, "PositionReferenceIndicator");
    public static final int SLICE_LOCATION = t(0x00201041, "SliceLocation");
    public static final int DIMENSION_ORGANIZATION_UID = t(0x00209164, "DimensionOrganizationUID");
    public static final int DIMENSION_ORGANIZATION_SEQUENCE = t(0x00209221, "DimensionOrganizationSequence");
    public static final int DIMENSION_INDEX_SEQUENCE = t(0x00209222, "DimensionIndexSequence");
    public static final int DIMENSION_INDEX_POINTER = t(0x00209165, "DimensionIndexPointer");
    public static final int FUNCTIONAL_GROUP_POINTER = t(0x00209167, "FunctionalGroupPointer");
    public static final int DIMENSION_DESCRIPTION_LABEL = t(0x00209421, "DimensionDescriptionLabel");
    public static final int DIMENSION_ORGANIZATION_TYPE = t(0x00209311, "DimensionOrganizationType");
    public static final int FRAME_CONTENT_SEQUENCE = t(0x00209111, "FrameContentSequence");
    public static final int DIMENSION_INDEX_VALUES = t(0x00209157, "DimensionIndexValues");
    public static final int PLANE_POSITION_SEQUENCE = t(0x00209113, "PlanePositionSequence");
    public static final int PLANE_ORIENTATION_SEQUENCE = t(0x00209116, "PlaneOrientationSequence");
    public static final int SHARED_FUNCTIONAL_GROUPS_SEQUENCE = t(0x52009229, "SharedFunctionalGroupsSequence");
    public static final int PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE = t(0x52009230, "PerFrameFunctionalGroupsSequence");
    public static final int PIXEL_MEASURES_SEQUENCE = t(0x00289110, "PixelMeasuresSequence");

    public static final int SAMPLES_PER_PIXEL = t(0x00280002, "SamplesPerPixel");
    public static final int PHOTOMETRIC_INTERPRETATION = t(0x00280004, "PhotometricInterpretation");
    public static final int NUMBER_OF_FRAMES = t(0x00280008, "NumberOfFrames");
    public static final int ROWS = t(0x00280010, "Rows");
    public static final int COLUMNS = t(0x00280011, "Columns");
    public static final int PIXEL_SPACING = t(0x00280030, "PixelSpacing");
    public static final int BITS_ALLOCATED = t(0x00280100, "BitsAllocated");
    public static final int BITS_STORED = t(0x00280101, "BitsStored");
    public static final int HIGH_BIT = t(0x00280102, "HighBit");
    public static final int PIXEL_REPRESENTATION = t(0x00280103, "PixelRepresentation");
    public static final int WINDOW_CENTER = t(0x00281050, "WindowCenter");
    public static final int WINDOW_WIDTH = t(0x00281051, "WindowWidth");
    public static final int RESCALE_INTERCEPT = t(0x00281052, "RescaleIntercept");
    public static final int RESCALE_SLOPE = t(0x00281053, "RescaleSlope");
    public static final int RESCALE_TYPE = t(0x00281054, "RescaleType");
    public static final int LOSSY_IMAGE_COMPRESSION = t(0x00282110, "LossyImageCompression");

    public static final int CONTENT_LABEL = t(0x00700080, "ContentLabel");
    public static final int CONTENT_DESCRIPTION = t(0x00700081, "ContentDescription");
    public static final int CONTENT_CREATOR_NAME = t(0x00700084, "ContentCreatorName");

    public static final int SEGMENT_SEQUENCE = t(0x00620002, "SegmentSequence");
    public static final int SEGMENTED_PROPERTY_CATEGORY_CODE_SEQUENCE =
            t(0x00620003, "SegmentedPropertyCategoryCodeSequence");
    public static final int SEGMENT_NUMBER = t(0x00620004, "SegmentNumber");
    public static final int SEGMENT_LABEL = t(0x00620005, "SegmentLabel");
    public static final int SEGMENT_DESCRIPTION = t(0x00620006, "SegmentDescription");
    public static final int SEGMENT_ALGORITHM_TYPE = t(0x00620008, "SegmentAlgorithmType");
    public static final int SEGMENT_ALGORITHM_NAME = t(0x00620009, "SegmentAlgorithmName");
    public static final int SEGMENT_IDENTIFICATION_SEQUENCE = t(0x0062000A, "SegmentIdentificationSequence");
    public static final int REFERENCED_SEGMENT_NUMBER = t(0x0062000B, "ReferencedSegmentNumber");
    public static final int RECOMMENDED_DISPLAY_CIELAB_VALUE = t(0x0062000D, "RecommendedDisplayCIELabValue");
    public static final int SEGMENTED_PROPERTY_TYPE_CODE_SEQUENCE = t(0x0062000F, "SegmentedPropertyTypeCodeSequence");
    public static final int SEGMENTATION_TYPE = t(0x00620001, "SegmentationType");
    public static final int TRACKING_ID = t(0x00620020, "TrackingID");
    public static final int TRACKING_UID = t(0x00620021, "TrackingUID");

    public static final int PIXEL_DATA = t(0x7FE00010, "PixelData");

    public static final int ITEM = 0xFFFEE000;
    public static final int ITEM_DELIMITER = 0xFFFEE00D;
    public static final int SEQUENCE_DELIMITER = 0xFFFEE0DD;

    private static final Set<String> LONG_LENGTH_VRS =
            Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");

    private Tags() {
    }

    /** E.g. {@code (0028,0030) PixelSpacing}. */
    public static String name(int tag) {
        String k = NAMES.get(tag);
        String t = String.format(Locale.ROOT, "(%04X,%04X)", tag >>> 16, tag & 0xffff);
        return k == null ? t : t + " " + k;
    }

    static boolean isItemTag(int tag) {
        return tag == ITEM || tag == ITEM_DELIMITER || tag == SEQUENCE_DELIMITER;
    }

    /** Explicit VRs whose length is 4 bytes after 2 reserved ones. */
    static boolean hasLongLength(String vr) {
        return LONG_LENGTH_VRS.contains(vr);
    }
}
