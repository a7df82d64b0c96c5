/**
 * Real models on real data, with a command-line runner. They arrive with the examples.
 */
package dev.javano.examples;
