package org.robotphysicist.data.lhe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.simulator.lineshape.BeamAndDetector;
import org.robotphysicist.data.simulator.lineshape.DimuonGenerator;
import org.robotphysicist.data.simulator.lineshape.ImprovedBornCrossSection;
import org.robotphysicist.data.simulator.lineshape.LineshapeLikelihood;
import org.robotphysicist.data.simulator.lineshape.LineshapeParameters;
import org.robotphysicist.data.simulator.lineshape.ZLineshapeSimulator;

/**
 * Generator-level {@code z-lineshape} events as a Les Houches Event File: per event the incoming
 * e⁻ (beam 1, +z) and e⁺ at the true beam energies, the collinear ISR photon (when k &gt; 0) and the
 * μ⁻ and μ⁺ (massless kinematics, PUP5 = 0; a uniform azimuth), before any detector.
 * XWGTUP = σ̄, the ISR-corrected cross-section in pb (IDWTUP = 3: unweighted events of equal weight);
 * SCALUP = √s'; AQEDUP = α(s').
 *
 * <p>Reweighting: for each named other point θ' the event carries
 * {@code <wgt id="name">} σ̄·(dσ₀/dc)(θ'; s', cos θ*) / (dσ₀/dc)(θ; s', cos θ*) — the radiator and beam
 * spread do not depend on θ, so this is the exact ratio of the generating densities times σ̄,
 * and the mean weight estimates σ̄(θ'). The header records θ, φ and every reweighting point
 * ({@link LesHouchesParameterPoints}).
 */
public final class ZLineshapeEventFile {
    private ZLineshapeEventFile() {
    }

    /**
     * {@code events} events at θ and nominal √s, with the beam spread of {@code beam}, and
     * reweighting weights for {@code reweightPoints} (id → θ').
     */
    public static LesHouchesFile generate(double[] theta, double sqrtS, int events, SplittableRandom rng,
            Map<String, double[]> reweightPoints, BeamAndDetector beam) {
        if (events < 0) {
            throw new InvalidInputException("number of events: expected a value >= 0 but found " + events);
        }
        LineshapeParameters parameters = LineshapeParameters.fromTheta(theta);
        DimuonGenerator generator = new DimuonGenerator(parameters, sqrtS, beam.beamSpreadGeV(sqrtS));
        double sigma = new LineshapeLikelihood(parameters, beam, sqrtS).totalCrossSectionPb();
        Map<String, ImprovedBornCrossSection> others = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> point : reweightPoints.entrySet()) {
            others.put(point.getKey(), new ImprovedBornCrossSection(LineshapeParameters.fromTheta(point.getValue())));
        }
        Dimensions names = new ZLineshapeSimulator(beam).dimensions();
        String header = LesHouchesParameterPoints.block("z-lineshape", names.thetaNames(), theta, names.phiNames(),
                new double[] {sqrtS}) + LesHouchesParameterPoints.reweightingBlock(names.thetaNames(), reweightPoints);
        List<LesHouchesEvent> list = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            DimuonGenerator.TruePair pair = generator.next(rng);
            double azimuth = 2 * Math.PI * rng.nextDouble();
            double sPrime = pair.sqrtSPrime() * pair.sqrtSPrime();
            double c = Math.tanh(pair.etaStar());
            double reference = generator.hardProcess().differentialCrossSectionPb(sPrime, c);
            Map<String, Double> weights = new LinkedHashMap<>();
            for (Map.Entry<String, ImprovedBornCrossSection> other : others.entrySet()) {
                weights.put(other.getKey(), sigma * other.getValue().differentialCrossSectionPb(sPrime, c) / reference);
            }
            list.add(new LesHouchesEvent(1, sigma, pair.sqrtSPrime(), ImprovedBornCrossSection.alpha(sPrime), 0,
                    particles(pair, azimuth), weights));
        }
        return new LesHouchesFile("3.0", header, LesHouchesInit.electronPositron(sqrtS / 2, sigma, 0, 1),
                list);
    }

    private static List<LesHouchesParticle> particles(DimuonGenerator.TruePair pair, double azimuth) {
        double beamEnergy = pair.sqrtS() / 2;
        List<LesHouchesParticle> p = new ArrayList<>(5);
        p.add(new LesHouchesParticle(11, -1, 0, 0, 0, 0, 0, 0, beamEnergy, beamEnergy, 0, 0, 9));
        p.add(new LesHouchesParticle(-11, -1, 0, 0, 0, 0, 0, 0, -beamEnergy, beamEnergy, 0, 0, 9));
        double photonPz = pair.photonPz();
        if (photonPz != 0) {
            p.add(new LesHouchesParticle(22, 1, 1, 2, 0, 0, 0, 0, photonPz, Math.abs(photonPz), 0, 0, 9));
        }
        double cos = Math.cos(azimuth);
        double sin = Math.sin(azimuth);
        double pm = pair.momentumMinus();
        double tm = pair.thetaMinus();
        p.add(new LesHouchesParticle(13, 1, 1, 2, 0, 0, pm * Math.sin(tm) * cos, pm * Math.sin(tm) * sin,
                pm * Math.cos(tm), pm, 0, 0, 9));
        double pp = pair.momentumPlus();
        double tp = pair.thetaPlus();
        p.add(new LesHouchesParticle(-13, 1, 1, 2, 0, 0, -pp * Math.sin(tp) * cos, -pp * Math.sin(tp) * sin,
                pp * Math.cos(tp), pp, 0, 0, 9));
        return p;
    }
}
