package dev.javano.processor.stage;

import dev.javano.processor.model.ModelDecl;
import dev.javano.processor.translate.FunctionGraph;
import dev.javano.symbolic.build.GraphBuilder;
import java.util.List;

/** A model that passed every stage: its declarations and the optimized graph of each function. */
public record CompiledModel(ModelDecl decl, GraphBuilder builder, List<FunctionGraph> functions) {}
