package org.robotphysicist.training.ratio;

import org.robotphysicist.training.ProgressListener;
import org.robotphysicist.training.TrainingProgress;

/** Prints epoch ends, so a slow or failing test shows its training curve. */
enum ProgressListenerForTests implements ProgressListener {
    INSTANCE;

    @Override
    public void onProgress(TrainingProgress p) {
        if (p.stage() != TrainingProgress.Stage.BATCHES) {
            System.out.println(p.message());
        }
    }
}
