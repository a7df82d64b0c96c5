/**
 * End-to-end tests: model classes compiled by the processor and trained.
 */
package dev.javano.tests;
