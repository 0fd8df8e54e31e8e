package org.robotphysicist.engine.api;

/** {@link WeinbergCoverageContract} for the {@code classifier} kind. */
class ClassifierWeinbergCoverageTest extends WeinbergCoverageContract {
    @Override
    String kind() {
        return "classifier";
    }
}
