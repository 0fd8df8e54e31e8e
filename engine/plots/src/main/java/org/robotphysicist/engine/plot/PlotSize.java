package org.robotphysicist.engine.plot;

import org.robotphysicist.data.InvalidInputException;

/** Width and height of a plot in pixels, each in [200, 8000]. */
public record PlotSize(int width, int height) {
    /** 900 × 600. */
    public static final PlotSize DEFAULT = new PlotSize(900, 600);

    public PlotSize {
        if (width < 200 || height < 200 || width > 8000 || height > 8000) {
            throw new InvalidInputException("plot size: expected width and height in [200, 8000] pixels but found "
                    + width + " x " + height);
        }
    }
}
