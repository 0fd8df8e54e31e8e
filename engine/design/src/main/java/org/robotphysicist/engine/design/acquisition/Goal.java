package org.robotphysicist.engine.design.acquisition;

/** Whether the objective is to be maximized (for example the expected information gain) or minimized. */
public enum Goal {
    MAXIMIZE(1.0),
    MINIMIZE(-1.0);

    private final double sign;

    Goal(double sign) {
        this.sign = sign;
    }

    /** +1 for maximization, −1 for minimization: s·f is always to be maximized. */
    public double sign() {
        return sign;
    }

    /** Whether {@code a} is better than {@code b} under this goal. */
    public boolean better(double a, double b) {
        return sign * a > sign * b;
    }
}
