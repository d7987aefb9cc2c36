#!/usr/bin/env bash
# Writes measurements.dcm (the golden TID 1500 report of SrReaderTest) with dcmtk's xml2dsr from
# measurements.xml.in, the CT instances referenced by fixed UIDs. Run from this folder.
set -euo pipefail
sed -e 's/@SOP2@/1.2.826.0.1.3680043.8.498.2/g' -e 's/@SOP3@/1.2.826.0.1.3680043.8.498.3/g' \
    -e 's/@STUDY@/1.2.826.0.1.3680043.8.498.100/g' measurements.xml.in > /tmp/measurements.xml
xml2dsr /tmp/measurements.xml measurements.dcm
rm -f /tmp/measurements.xml
