package org.robotphysicist.engine.demo;

import java.util.List;
import java.util.Locale;
import org.robotphysicist.engine.plot.Curve;
import org.robotphysicist.engine.plot.PosteriorPlot1D;
import org.robotphysicist.engine.posterior.CredibleInterval;

/** The demo's picture: surrogate and exact posteriors, the surrogate's 68% interval, the hidden value. */
public final class DemoPlot {
    private DemoPlot() {
    }

    public static PosteriorPlot1D of(DemoResult r, DemoConfig config) {
        String name = r.posterior().parameters().get(0);
        CredibleInterval c68 = r.posterior().interval(name, 0.68);
        return new PosteriorPlot1D(String.format(Locale.ROOT, "Posterior of %s from %d events at sqrt(s) = %.4g GeV",
                name, r.observedEvents(), config.sqrtS()), name,
                List.of(new Curve(r.surrogate() + " surrogate", r.grid(), r.density()),
                        new Curve("exact likelihood", r.grid(), r.exactDensity())),
                new PosteriorPlot1D.CredibleBand(0.68, c68.lower(), c68.upper()), r.hiddenTheta());
    }
}
