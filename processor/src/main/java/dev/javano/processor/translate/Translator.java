package dev.javano.processor.translate;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.javano.DType;
import dev.javano.processor.diag.Diagnostics;
import dev.javano.processor.diag.Message;
import dev.javano.processor.model.FunctionDecl;
import dev.javano.processor.model.ModelDecl;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ops.Binary;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;

/**
 * Stage 2, translate bodies: reads a model method as the graph it describes. Names are resolved
 * here (bodies are not attributed yet while processors run): locals, parameters, model fields
 * and constants; calls go to model methods (inlined), to {@link DslTable} (the {@code Ops} and
 * {@code Tensor} vocabulary) or are reported. Loops and {@code if}s run now, on compile-time values.
 */
public final class Translator {

    private static final int LOOP_LIMIT = 100_000;

    final ModelDecl decl;
    final GraphBuilder b;
    private final Trees trees;
    private final Diagnostics diagnostics;
    private final Map<String, Node> fields;
    private final Deque<String> callStack = new ArrayDeque<>();
    private final DslTable dsl;
    private final Scans scans;
    /** The @Scan step being translated, or null: steps compute values and may not update. */
    private String step;
    private final Map<String, String> staticImports;
    private FunctionDecl.Kind kind;
    private String function;
    private Map<Node, Node> updates;
    /** Compile-time loop iterations run for the current function, all loops together (nested ones multiply). */
    private int iterations;

    public Translator(ModelDecl decl, GraphBuilder b, Trees trees, Diagnostics diagnostics) {
        this.decl = decl;
        this.b = b;
        this.trees = trees;
        this.diagnostics = diagnostics;
        this.fields = fieldNodes(decl, b);
        this.dsl = new DslTable(this);
        this.scans = new Scans(this);
        this.staticImports = staticImports(trees, decl);
    }

    private static Map<String, Node> fieldNodes(ModelDecl decl, GraphBuilder b) {
        Map<String, Node> out = new LinkedHashMap<>();
        decl.inputs().forEach(f -> out.put(f.name(), b.input(f.name(), typeOf(f))));
        decl.shared().forEach(f -> out.put(f.name(), b.shared(f.name(), typeOf(f))));
        decl.hypers().forEach(h -> out.put(h.name(), b.hyper(h.name(), DType.FLOAT64)));
        return out;
    }

    private static dev.javano.symbolic.ir.TensorType typeOf(dev.javano.processor.model.TensorField f) {
        return dev.javano.symbolic.ir.TensorType.of(f.dtype(), f.shape());
    }

    /** The node standing for a model field. */
    public Node field(String name) {
        return fields.get(name);
    }

    /** The function's graph, or empty after reporting why it has none. */
    public Optional<FunctionGraph> translate(FunctionDecl f) {
        kind = f.kind();
        function = f.name();
        updates = new LinkedHashMap<>();
        iterations = 0;
        try {
            Value v = inline(f.method(), List.of(), trees.getTree(f.method()));
            Node result = f.kind() == FunctionDecl.Kind.UPDATES ? lossNode(f) : asTensor(v, f.method(), f.name());
            return Optional.of(new FunctionGraph(f, result, updates));
        } catch (Abandon a) {
            return Optional.empty();
        }
    }

    private Node lossNode(FunctionDecl f) {
        FunctionDecl loss = decl.loss().orElseThrow();
        return asTensor(inline(loss.method(), List.of(), trees.getTree(f.method())), f.method(), loss.name());
    }

    private Node asTensor(Value v, ExecutableElement m, String name) {
        if (v instanceof Value.TensorValue t) return t.node();
        throw error(trees.getTree(m), Message.OUTPUT_NOT_TENSOR_VALUE, name, v.describe());
    }

    // ---- methods

    /** Translates a call of model method {@code m}: its body, with parameters bound to {@code args}. */
    Value inline(ExecutableElement m, List<Value> args, Tree site) {
        String name = m.getSimpleName().toString();
        if (callStack.contains(name)) {
            List<String> cycle = new ArrayList<>(callStack);
            java.util.Collections.reverse(cycle);
            cycle = cycle.subList(cycle.indexOf(name), cycle.size());
            throw error(site, Message.RECURSION, String.join(" -> ", cycle) + " -> " + name);
        }
        MethodTree tree = trees.getTree(m);
        if (tree == null || tree.getBody() == null) throw error(site, Message.MISSING_BODY, name);
        if (args.size() != m.getParameters().size()) {
            throw error(site, Message.WRONG_ARGUMENTS, name, describeAll(args));
        }
        Scope scope = new Scope(null);
        for (int i = 0; i < args.size(); i++) scope.declare(m.getParameters().get(i).getSimpleName().toString(), args.get(i));
        callStack.push(name);
        try {
            Value result = block(tree.getBody(), scope);
            boolean isVoid = m.getReturnType().getKind() == javax.lang.model.type.TypeKind.VOID;
            if (result == null && !isVoid) throw error(tree, Message.MISSING_RETURN, name);
            return result == null ? new Value.Void() : result;
        } finally {
            callStack.pop();
        }
    }

    // ---- statements: each returns the value of a return statement it executed, else null

    private Value block(BlockTree block, Scope outer) {
        Scope scope = new Scope(outer);
        for (StatementTree s : block.getStatements()) {
            Value returned = statement(s, scope);
            if (returned != null) return returned;
        }
        return null;
    }

    private Value statement(StatementTree s, Scope scope) {
        switch (s.getKind()) {
            case BLOCK: return block((BlockTree) s, scope);
            case VARIABLE: return declare((VariableTree) s, scope);
            case EXPRESSION_STATEMENT: expression(((ExpressionStatementTree) s).getExpression(), scope); return null;
            case RETURN: return returnValue((ReturnTree) s, scope);
            case IF: return ifStatement((IfTree) s, scope);
            case FOR_LOOP: return forLoop((ForLoopTree) s, scope);
            case ENHANCED_FOR_LOOP: return forEach((EnhancedForLoopTree) s, scope);
            case EMPTY_STATEMENT: return null;
            default: throw unsupported(s, Constructs.describe(s));
        }
    }

    private Value declare(VariableTree v, Scope scope) {
        Value init = v.getInitializer() == null ? null : expression(v.getInitializer(), scope);
        if (init == null) {
            throw unsupported(v, "a local variable without an initializer", "give it its value where it is declared");
        }
        scope.declare(v.getName().toString(), init);
        return null;
    }

    private Value returnValue(ReturnTree r, Scope scope) {
        return r.getExpression() == null ? new Value.Void() : expression(r.getExpression(), scope);
    }

    private Value ifStatement(IfTree s, Scope scope) {
        boolean taken = compileTimeBoolean(s.getCondition(), scope, "the condition of an if");
        StatementTree branch = taken ? s.getThenStatement() : s.getElseStatement();
        return branch == null ? null : statement(branch, new Scope(scope));
    }

    private Value forLoop(ForLoopTree loop, Scope outer) {
        Scope scope = new Scope(outer);
        for (StatementTree init : loop.getInitializer()) statement(init, scope);
        while (true) {
            if (loop.getCondition() != null
                    && !compileTimeBoolean(loop.getCondition(), scope, "the condition of a for loop")) {
                return null;
            }
            if (++iterations > LOOP_LIMIT) throw error(loop, Message.LOOP_LIMIT, LOOP_LIMIT);
            Value returned = statement(loop.getStatement(), new Scope(scope));
            if (returned != null) return returned;
            for (ExpressionStatementTree update : loop.getUpdate()) expression(update.getExpression(), scope);
        }
    }

    private Value forEach(EnhancedForLoopTree loop, Scope outer) {
        Value over = expression(loop.getExpression(), outer);
        List<Value> items = new ArrayList<>();
        if (over instanceof Value.Tensors ts) ts.nodes().forEach(n -> items.add(new Value.TensorValue(n)));
        else if (over instanceof Value.Ints is) for (int i : is.values()) items.add(Value.Num.of(i, true));
        else throw error(loop.getExpression(), Message.VALUE_KIND, "a for-each loop", "shared(), a Tensor[] or an int[]",
                over.describe());
        for (Value item : items) {
            if (++iterations > LOOP_LIMIT) throw error(loop, Message.LOOP_LIMIT, LOOP_LIMIT);
            Scope scope = new Scope(outer);
            scope.declare(loop.getVariable().getName().toString(), item);
            Value returned = statement(loop.getStatement(), scope);
            if (returned != null) return returned;
        }
        return null;
    }

    private boolean compileTimeBoolean(ExpressionTree t, Scope scope, String what) {
        Value v = expression(t, scope);
        if (v instanceof Value.Bool bool) return bool.value();
        throw error(t, Message.NOT_COMPILE_TIME, what, "conditions may use constants and loop variables only; "
                + "got " + v.describe());
    }

    // ---- expressions

    Value expression(ExpressionTree t, Scope scope) {
        switch (t.getKind()) {
            case PARENTHESIZED: return expression(((ParenthesizedTree) t).getExpression(), scope);
            case IDENTIFIER: return identifier((IdentifierTree) t, scope);
            case MEMBER_SELECT: return memberSelect((MemberSelectTree) t, scope);
            case METHOD_INVOCATION: return call((MethodInvocationTree) t, scope);
            case INT_LITERAL: case LONG_LITERAL:
                return Value.Num.of(((Number) ((LiteralTree) t).getValue()).doubleValue(), true);
            case FLOAT_LITERAL: case DOUBLE_LITERAL:
                return Value.Num.of(((Number) ((LiteralTree) t).getValue()).doubleValue(), false);
            case BOOLEAN_LITERAL: return new Value.Bool((Boolean) ((LiteralTree) t).getValue());
            case STRING_LITERAL: return new Value.Str((String) ((LiteralTree) t).getValue());
            case ASSIGNMENT: return assign((AssignmentTree) t, scope);
            case CONDITIONAL_EXPRESSION: return conditional((ConditionalExpressionTree) t, scope);
            case NEW_ARRAY: return newArray((NewArrayTree) t, scope);
            case ARRAY_ACCESS: return arrayAccess((ArrayAccessTree) t, scope);
            case TYPE_CAST: return cast((TypeCastTree) t, scope);
            default:
                if (t instanceof BinaryTree bin) return binary(bin, scope);
                if (t instanceof UnaryTree u) return unary(u, scope);
                if (t instanceof CompoundAssignmentTree c) return compoundAssign(c, scope);
                throw unsupported(t, Constructs.describe(t));
        }
    }

    private Value identifier(IdentifierTree id, Scope scope) {
        String name = id.getName().toString();
        Value local = scope.lookup(name);
        if (local != null) return local;
        if (name.equals("this")) throw unsupported(id, "'this' on its own", "use it only to call a model method");
        return fieldOrConstant(name, id);
    }

    private Value fieldOrConstant(String name, Tree site) {
        Node field = fields.get(name);
        if (field != null) return new Value.TensorValue(field);
        Number constant = decl.constants().get(name);
        if (constant != null) return Value.Num.of(constant.doubleValue(), !(constant instanceof Double || constant instanceof Float));
        if (name.equals("END")) return Value.Num.of(dev.javano.Ops.END, true);
        if (declaresField(name)) throw error(site, Message.NOT_A_MODEL_FIELD, name);
        String imported = staticImports.get(name);
        if (imported != null) {
            throw unsupported(site, "reading " + imported, "a model method reads only its locals, the model's fields"
                    + " and its own static final constants");
        }
        throw error(site, Message.UNKNOWN_NAME, name);
    }

    private boolean declaresField(String name) {
        return ElementFilter.fieldsIn(decl.type().getEnclosedElements()).stream()
                .map(VariableElement::getSimpleName)
                .anyMatch(n -> n.contentEquals(name));
    }

    /**
     * Names the model's source imports one by one from classes other than {@code Ops}, as
     * {@code abs -> Math.abs}: javac resolves them there, not to the DSL, so neither does the translator.
     */
    private static Map<String, String> staticImports(Trees trees, ModelDecl decl) {
        Map<String, String> out = new java.util.HashMap<>();
        TreePath path = trees.getPath(decl.type());
        if (path == null) return out;
        for (ImportTree i : path.getCompilationUnit().getImports()) {
            if (!i.isStatic() || !(i.getQualifiedIdentifier() instanceof MemberSelectTree q)) continue;
            String name = q.getIdentifier().toString();
            String owner = q.getExpression().toString();
            if (name.equals("*") || owner.equals("dev.javano.Ops")) continue;
            out.put(name, owner.substring(owner.lastIndexOf('.') + 1) + "." + name);
        }
        return out;
    }

    private Value memberSelect(MemberSelectTree t, Scope scope) {
        String member = t.getIdentifier().toString();
        String owner = t.getExpression().toString();
        if (owner.equals("this")) return fieldOrConstant(member, t);
        if (owner.equals("DType") || owner.equals("dev.javano.DType")) {
            try {
                return new Value.DTypeValue(DType.valueOf(member));
            } catch (IllegalArgumentException e) {
                throw error(t, Message.UNKNOWN_NAME, t.toString());
            }
        }
        if (owner.equals("Ops") && member.equals("END")) return Value.Num.of(dev.javano.Ops.END, true);
        if (owner.equals(decl.simpleName())) return fieldOrConstant(member, t);
        throw unsupported(t, "reading " + t, "a model method reads only its locals, the model's fields and"
                + " static final constants");
    }

    private Value call(MethodInvocationTree call, Scope scope) {
        ExpressionTree select = call.getMethodSelect();
        if (select instanceof IdentifierTree id) {
            String name = id.getName().toString();
            ExecutableElement method = decl.methods().get(name);
            if (method != null) return inline(method, arguments(call, scope), call);
            String imported = staticImports.get(name);
            if (imported != null) throw unsupported(call, "calling " + imported + "(...)", ONLY_DSL_CALLS);
            if (name.equals("scan")) return startScan(call);
            return dsl.callOps(name, arguments(call, scope), call);
        }
        MemberSelectTree ms = (MemberSelectTree) select;
        String name = ms.getIdentifier().toString();
        String owner = ms.getExpression().toString();
        if (owner.equals("this")) {
            ExecutableElement method = decl.methods().get(name);
            if (method == null) throw error(call, Message.UNKNOWN_NAME, "method " + name);
            return inline(method, arguments(call, scope), call);
        }
        if (owner.equals("Ops") || owner.equals("dev.javano.Ops")) {
            return name.equals("scan") ? startScan(call) : dsl.callOps(name, arguments(call, scope), call);
        }
        Value receiver = receiver(ms, scope, call);
        if (receiver instanceof Value.ScanCall scan) return scans.call(scan, name, arguments(call, scope), call);
        return dsl.callTensor(receiver, name, arguments(call, scope), call);
    }

    private Value startScan(MethodInvocationTree call) {
        if (step != null) throw error(call, Message.NOT_YET_SUPPORTED, "a scan inside the @Scan step " + step);
        return scans.start(call);
    }

    /** Translates the body of @Scan step {@code m} on its parameters: the tensors it returns. */
    List<Node> inlineStep(ExecutableElement m, List<Value> params, Tree site) {
        String outer = step;
        step = m.getSimpleName().toString();
        try {
            Value v = inline(m, params, site);
            if (v instanceof Value.TensorValue tv) return List.of(tv.node());
            if (v instanceof Value.Tensors ts && !ts.nodes().isEmpty()) return ts.nodes();
            throw error(trees.getTree(m), Message.OUTPUT_NOT_TENSOR_VALUE, "the @Scan step " + step, v.describe());
        } finally {
            step = outer;
        }
    }

    /** The source line of {@code site}, for naming loops. */
    long lineOf(Tree site) {
        com.sun.source.tree.CompilationUnitTree unit = trees.getPath(decl.type()).getCompilationUnit();
        return unit.getLineMap().getLineNumber(trees.getSourcePositions().getStartPosition(unit, site));
    }

    /**
     * The receiver of {@code select}'s call, unless it is a name the model does not know
     * ({@code Math}, {@code System.out}): that is a call on another class or object.
     */
    private Value receiver(MemberSelectTree select, Scope scope, Tree call) {
        ExpressionTree root = select.getExpression();
        while (root instanceof MemberSelectTree m) root = m.getExpression();
        if (root instanceof IdentifierTree id) {
            String name = id.getName().toString();
            boolean known = scope.lookup(name) != null || fields.containsKey(name) || name.equals("this")
                    || name.equals(decl.simpleName()) || declaresField(name);
            if (!known) throw unsupported(call, "calling " + select + "(...)", ONLY_DSL_CALLS);
        }
        return expression(select.getExpression(), scope);
    }

    private List<Value> arguments(MethodInvocationTree call, Scope scope) {
        List<Value> args = new ArrayList<>();
        for (ExpressionTree a : call.getArguments()) args.add(expression(a, scope));
        return args;
    }

    private Value assign(AssignmentTree a, Scope scope) {
        if (!(a.getVariable() instanceof IdentifierTree id) || fields.containsKey(id.getName().toString())
                && scope.lookup(id.getName().toString()) == null) {
            throw unsupported(a, "assignment to " + a.getVariable(), ONLY_LOCALS_ASSIGNED);
        }
        Value v = expression(a.getExpression(), scope);
        if (!scope.assign(id.getName().toString(), v)) {
            throw unsupported(a, "assignment to " + id, ONLY_LOCALS_ASSIGNED);
        }
        return v;
    }

    private Value compoundAssign(CompoundAssignmentTree c, Scope scope) {
        if (!(c.getVariable() instanceof IdentifierTree id) || scope.lookup(id.getName().toString()) == null) {
            throw unsupported(c, "assignment to " + c.getVariable(), ONLY_LOCALS_ASSIGNED);
        }
        Value result = arithmetic(c, baseKind(c.getKind()), expression(id, scope), expression(c.getExpression(), scope));
        scope.assign(id.getName().toString(), result);
        return result;
    }

    private static Tree.Kind baseKind(Tree.Kind compound) {
        switch (compound) {
            case PLUS_ASSIGNMENT: return Tree.Kind.PLUS;
            case MINUS_ASSIGNMENT: return Tree.Kind.MINUS;
            case MULTIPLY_ASSIGNMENT: return Tree.Kind.MULTIPLY;
            case DIVIDE_ASSIGNMENT: return Tree.Kind.DIVIDE;
            case REMAINDER_ASSIGNMENT: return Tree.Kind.REMAINDER;
            default: return compound;
        }
    }

    private Value unary(UnaryTree u, Scope scope) {
        Value x = expression(u.getExpression(), scope);
        switch (u.getKind()) {
            case UNARY_PLUS: return x;
            case UNARY_MINUS:
                if (x instanceof Value.Num n) return Value.Num.of(-n.value(), n.integral());
                return new Value.TensorValue(b.at(u).neg(dsl.scalar(x, u, "unary minus")));
            case LOGICAL_COMPLEMENT:
                if (x instanceof Value.Bool bool) return new Value.Bool(!bool.value());
                throw error(u, Message.VALUE_KIND, "!", "a compile-time boolean", x.describe());
            case POSTFIX_INCREMENT: case PREFIX_INCREMENT: case POSTFIX_DECREMENT: case PREFIX_DECREMENT:
                return step(u, x, scope);
            default: throw unsupported(u, Constructs.describe(u));
        }
    }

    /** {@code i++} and friends, on a local int. */
    private Value step(UnaryTree u, Value x, Scope scope) {
        if (!(u.getExpression() instanceof IdentifierTree id) || !(x instanceof Value.Num n)) {
            throw unsupported(u, Arithmetic.symbol(u.getKind()) + " on " + u.getExpression(),
                    "only local numbers can be incremented or decremented");
        }
        boolean up = u.getKind() == Tree.Kind.POSTFIX_INCREMENT || u.getKind() == Tree.Kind.PREFIX_INCREMENT;
        Value.Num next = Value.Num.of(n.value() + (up ? 1 : -1), n.integral());
        scope.assign(id.getName().toString(), next);
        boolean prefix = u.getKind() == Tree.Kind.PREFIX_INCREMENT || u.getKind() == Tree.Kind.PREFIX_DECREMENT;
        return prefix ? next : n;
    }

    private Value binary(BinaryTree t, Scope scope) {
        if (t.getKind() == Tree.Kind.CONDITIONAL_AND || t.getKind() == Tree.Kind.CONDITIONAL_OR) {
            String what = "an operand of " + Arithmetic.symbol(t.getKind());
            boolean left = compileTimeBoolean(t.getLeftOperand(), scope, what);
            boolean and = t.getKind() == Tree.Kind.CONDITIONAL_AND;
            if (left != and) return new Value.Bool(left);
            return new Value.Bool(compileTimeBoolean(t.getRightOperand(), scope, what));
        }
        Value x = expression(t.getLeftOperand(), scope);
        return arithmetic(t, t.getKind(), x, expression(t.getRightOperand(), scope));
    }

    /** Java arithmetic: on compile-time numbers now, on run-time scalars ({@code @Hyper} fields) as graph nodes. */
    private Value arithmetic(Tree site, Tree.Kind op, Value x, Value y) {
        if (x instanceof Value.Num a && y instanceof Value.Num c) {
            boolean integral = a.integral() && c.integral();
            Optional<Boolean> test = Arithmetic.test(op, a.value(), c.value());
            if (test.isPresent()) return new Value.Bool(test.get());
            boolean byZero = op == Tree.Kind.DIVIDE || op == Tree.Kind.REMAINDER;
            if (byZero && integral && c.value() == 0) throw error(site, Message.BAD_ARGUMENT, site + ": integer division by zero");
            return Arithmetic.apply(op, a.value(), c.value(), integral)
                    .map(v -> (Value) Value.Num.of(v, integral))
                    .orElseThrow(() -> unsupported(site, "the operator " + Arithmetic.symbol(op) + " on "
                            + x.describe() + " and " + y.describe()));
        }
        if (Arithmetic.isTest(op)) {
            Value runtime = x instanceof Value.Num ? y : x;
            throw error(site, Message.NOT_COMPILE_TIME, site.toString(), "it reads " + runtime.describe()
                    + ", known only at run time; conditions may use constants and loop variables only");
        }
        Binary.Fn fn = scalarOp(op);
        if (fn == null) {
            throw unsupported(site, "the operator " + Arithmetic.symbol(op) + " on run-time values ("
                    + x.describe() + ", " + y.describe() + ")", "only + - * / apply to @Hyper fields");
        }
        Node left = dsl.scalar(x, site, "an operand of " + Arithmetic.symbol(op));
        Node right = dsl.scalar(y, site, "an operand of " + Arithmetic.symbol(op));
        return new Value.TensorValue(b.at(site).binary(fn, left, right));
    }

    private static Binary.Fn scalarOp(Tree.Kind op) {
        switch (op) {
            case PLUS: return Binary.Fn.ADD;
            case MINUS: return Binary.Fn.SUB;
            case MULTIPLY: return Binary.Fn.MUL;
            case DIVIDE: return Binary.Fn.DIV;
            default: return null;
        }
    }

    private Value conditional(ConditionalExpressionTree t, Scope scope) {
        boolean c = compileTimeBoolean(t.getCondition(), scope, "the condition of ?:");
        return expression(c ? t.getTrueExpression() : t.getFalseExpression(), scope);
    }

    private Value newArray(NewArrayTree t, Scope scope) {
        if (t.getInitializers() == null || !t.getDimensions().isEmpty()) {
            throw unsupported(t, "creating an array without listing its elements",
                    "list them, as in new int[] {0, 1} or new Tensor[] {w1, w2}");
        }
        List<Value> items = new ArrayList<>();
        for (ExpressionTree e : t.getInitializers()) items.add(expression(e, scope));
        return Arrays.of(t, items, this);
    }

    private Value arrayAccess(ArrayAccessTree t, Scope scope) {
        Value array = expression(t.getExpression(), scope);
        Value index = expression(t.getIndex(), scope);
        if (!(index instanceof Value.Num n) || !n.integral()) {
            throw error(t.getIndex(), Message.NOT_COMPILE_TIME, "an array index", "got " + index.describe());
        }
        int i = (int) n.value();
        if (array instanceof Value.Tensors ts && i >= 0 && i < ts.nodes().size()) return new Value.TensorValue(ts.nodes().get(i));
        if (array instanceof Value.Ints is && i >= 0 && i < is.values().length) return Value.Num.of(is.values()[i], true);
        throw error(t, Message.VALUE_KIND, "indexing", "an index within a Tensor[] or int[]", array.describe() + " at " + i);
    }

    private Value cast(TypeCastTree t, Scope scope) {
        Value v = expression(t.getExpression(), scope);
        String type = t.getType().toString();
        if (v instanceof Value.Num n && (type.equals("int") || type.equals("long"))) return Value.Num.of((long) n.value(), true);
        if (v instanceof Value.Num n && (type.equals("double") || type.equals("float"))) return Value.Num.of(n.value(), false);
        return v;
    }

    // ---- updates

    /** Records {@code update(target, value)} of an {@code @Updates} method. */
    void update(Node target, Node value, Tree site) {
        if (step != null) throw error(site, Message.SCAN_STEP_UPDATES, "update", step);
        if (kind != FunctionDecl.Kind.UPDATES) throw error(site, Message.UPDATE_OUTSIDE_UPDATES, "update");
        if (!(target.op() instanceof dev.javano.symbolic.ops.Variable v) || v.kind() != dev.javano.symbolic.ops.Variable.Kind.SHARED) {
            throw error(site, Message.UPDATE_NOT_SHARED, dev.javano.symbolic.autodiff.Autodiff.describe(target));
        }
        if (GraphBuilder.isPoison(value)) return;
        if (!value.type().equals(target.type())) {
            throw error(site, Message.UPDATE_TYPE, v.field(), value.type(), v.field(), target.type());
        }
        if (updates.containsKey(target)) throw error(site, Message.UPDATE_TWICE, v.field(), function);
        updates.put(target, value);
    }

    /** The name of the function being translated. */
    String currentFunction() {
        return function;
    }

    /** Whether updates may be written here: inside an {@code @Updates} method. */
    void requireUpdates(Tree site, String what) {
        if (step != null) throw error(site, Message.SCAN_STEP_UPDATES, what, step);
        if (kind != FunctionDecl.Kind.UPDATES) throw error(site, Message.UPDATE_OUTSIDE_UPDATES, what);
    }

    // ---- diagnostics

    /** Reports at {@code site} and abandons the function. */
    Abandon error(Tree site, Message m, Object... args) {
        diagnostics.add(decl.type(), site, m, args);
        return new Abandon();
    }

    void warn(Tree site, Message m, Object... args) {
        diagnostics.add(decl.type(), site, m, args);
    }

    /** The general reason, for constructs that have no more specific one. */
    private static final String DESCRIBES_A_GRAPH = "a model method describes a graph; it may use locals, model"
            + " methods, Ops and Tensor calls, and loops and ifs over compile-time values";
    private static final String ONLY_DSL_CALLS = "only Tensor methods, Ops functions and the model's own methods can"
            + " be called";
    private static final String ONLY_LOCALS_ASSIGNED = "only local variables can be assigned";

    Abandon unsupported(Tree site, String what) {
        return unsupported(site, what, DESCRIBES_A_GRAPH);
    }

    /** "{@code what} is not supported in a @Model method: {@code why}". */
    Abandon unsupported(Tree site, String what, String why) {
        return error(site, Message.UNSUPPORTED_CONSTRUCT, what, why);
    }

    static String describeAll(List<Value> args) {
        return String.join(", ", args.stream().map(Value::describe).toList());
    }
}
