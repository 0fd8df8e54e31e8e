package org.robotphysicist.data.lhe;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;

/**
 * One {@code <event>} block: the line NUP IDPRUP XWGTUP SCALUP AQEDUP AQCDUP, the NUP particles,
 * and the optional {@code <rwgt>} weights for other parameter points, by weight id, in file order
 * (Les Houches Event File version 3, Andersen et al., arXiv:1405.1067, sect. 4).
 *
 * @param processId IDPRUP
 * @param weight    XWGTUP, the event weight
 * @param scaleGeV  SCALUP
 * @param alphaQed  AQEDUP
 * @param alphaQcd  AQCDUP
 * @param particles the particle records, at least one
 * @param reweights {@code <wgt id="…">} values, id → weight
 */
public record LesHouchesEvent(int processId, double weight, double scaleGeV, double alphaQed, double alphaQcd,
        List<LesHouchesParticle> particles, Map<String, Double> reweights) {

    public LesHouchesEvent {
        Require.finite("event weight, scale and couplings", new double[] {weight, scaleGeV, alphaQed, alphaQcd});
        particles = List.copyOf(particles);
        if (particles.isEmpty()) {
            throw new InvalidInputException("event particles: expected at least one particle but found none");
        }
        reweights = Collections.unmodifiableMap(new LinkedHashMap<>(reweights));
        for (Map.Entry<String, Double> w : reweights.entrySet()) {
            if (w.getKey() == null || w.getKey().isBlank() || w.getKey().matches(".*[\\s'\"<>&].*")) {
                throw new InvalidInputException("reweighting id: expected a non-empty id without spaces, quotes or"
                        + " markup but found '" + w.getKey() + "'");
            }
            Require.finite("reweighting weight '" + w.getKey() + "'", w.getValue());
        }
    }
}
