package dev.javano.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The loss and test-metric curves of a training run, drawn with XChart as an SVG or PNG. */
final class Curves {

    private Curves() {}

    /**
     * Writes the mean training loss (left axis) and the test metric per epoch: a test accuracy on
     * a right axis of its own, a test loss on the training loss's axis.
     *
     * @param file where: {@code .svg} or {@code .png}
     * @param title the chart's title
     * @param loss mean training loss per epoch
     * @param metricName the test metric, e.g. "test accuracy" or "test reconstruction loss"
     * @param metric the test metric per epoch
     * @param ownAxis whether the metric gets the right axis (an accuracy) or shares the loss's (a loss)
     */
    static void write(Path file, String title, double[] loss, String metricName, double[] metric, boolean ownAxis)
            throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean svg = name.endsWith(".svg");
        if (!svg && !name.endsWith(".png")) {
            throw new IOException(file + ": the plot must be an .svg or a .png");
        }
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title)
                .xAxisTitle("epoch").yAxisTitle("training loss").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.setYAxisGroupTitle(0, ownAxis ? "mean training loss" : "loss");
        if (ownAxis) {
            chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
            chart.setYAxisGroupTitle(1, metricName);
        }
        double[] epochs = new double[loss.length];
        for (int i = 0; i < epochs.length; i++) epochs[i] = i + 1;
        XYSeries lossSeries = chart.addSeries("training loss", epochs, loss);
        lossSeries.setMarker(SeriesMarkers.CIRCLE);
        XYSeries metricSeries = chart.addSeries(metricName, epochs, metric);
        metricSeries.setMarker(SeriesMarkers.DIAMOND);
        if (ownAxis) metricSeries.setYAxisGroup(1);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (var out = Files.newOutputStream(file)) {
            if (svg) {
                VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            } else {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
        }
    }
}
