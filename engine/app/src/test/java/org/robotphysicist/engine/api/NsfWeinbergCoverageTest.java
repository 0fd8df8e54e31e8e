package org.robotphysicist.engine.api;

/** {@link WeinbergCoverageContract} for the {@code nsf} kind. */
class NsfWeinbergCoverageTest extends WeinbergCoverageContract {
    @Override
    String kind() {
        return "nsf";
    }
}
