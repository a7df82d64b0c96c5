package dev.javano.processor.model;

import dev.javano.DType;
import dev.javano.Init;
import dev.javano.symbolic.shape.Shape;
import javax.lang.model.element.VariableElement;

/** An {@code @Input} or {@code @Shared} field, its shape parsed. {@code init} is null for inputs. */
public record TensorField(VariableElement element, String name, boolean shared, Shape shape, DType dtype, Init init) {}
