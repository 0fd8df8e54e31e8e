package org.robotphysicist.engine.api;

/** {@link WeinbergCoverageContract} for the {@code maf} kind. */
class MafWeinbergCoverageTest extends WeinbergCoverageContract {
    @Override
    String kind() {
        return "maf";
    }
}
