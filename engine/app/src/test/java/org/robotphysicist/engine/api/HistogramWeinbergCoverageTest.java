package org.robotphysicist.engine.api;

/** {@link WeinbergCoverageContract} for the {@code histogram} kind. */
class HistogramWeinbergCoverageTest extends WeinbergCoverageContract {
    @Override
    String kind() {
        return "histogram";
    }
}
