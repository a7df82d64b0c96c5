package dev.javano.processor.model;

import javax.lang.model.element.ExecutableElement;

/** A method that becomes a generated function: an {@code @Output}, the {@code @Loss} or an {@code @Updates}. */
public record FunctionDecl(ExecutableElement method, String name, Kind kind) {

    public enum Kind {
        OUTPUT("Output"),
        LOSS("Loss"),
        UPDATES("Updates");

        private final String annotation;

        Kind(String annotation) {
            this.annotation = annotation;
        }

        public String annotation() {
            return annotation;
        }
    }
}
