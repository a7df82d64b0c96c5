package dev.javano.processor.model;

import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;

/** A {@code @Hyper} field: a run-time scalar with the default its initializer gives (0 without one). */
public record HyperField(VariableElement element, String name, TypeKind type, double defaultValue) {}
